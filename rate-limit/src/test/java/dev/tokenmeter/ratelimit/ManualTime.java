package dev.tokenmeter.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** A clock for buckets that moves only when the test says so (shared with the services' tests as this module's test-jar). */
public final class ManualTime implements TimeMeter {

    private long nanos = 1_000_000_000L;

    @Override
    public long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    public void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
