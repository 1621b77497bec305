package dev.tokenmeter.ratelimit;

import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;

/**
 * What the buckets said about one request: allowed or not, and the state of the bucket that
 * mattered (the one that refused, else the one with the fewest tokens left).
 *
 * @param allowed      whether the request may proceed
 * @param draw         the bucket described
 * @param remaining    tokens left in it
 * @param nanosToReset until it is full again
 * @param nanosToRetry until a refused request may succeed; 0 when allowed
 */
public record Decision(boolean allowed, Draw draw, long remaining, long nanosToReset, long nanosToRetry) {

    /** Seconds to wait before retrying, rounded up and at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, seconds(nanosToRetry));
    }

    /**
     * The IETF draft's {@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset} (seconds until the
     * bucket is full) and {@code -Policy}, plus {@code Retry-After} on a refusal.
     */
    public void writeTo(HttpHeaders headers) {
        headers.set("RateLimit-Limit", Long.toString(draw.quota().burst()));
        headers.set("RateLimit-Remaining", Long.toString(remaining));
        headers.set("RateLimit-Reset", Long.toString(seconds(nanosToReset)));
        headers.set("RateLimit-Policy", draw.quota().policy() + ";scope=\"" + draw.scope() + "\";pool=\"" + draw.pool() + "\"");
        if (!allowed) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
        }
    }

    /** Whether this allowed request left fewer tokens than {@code other} did. */
    boolean tighterThan(Decision other) {
        return remaining < other.remaining;
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
