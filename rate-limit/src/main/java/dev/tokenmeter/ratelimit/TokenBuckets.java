package dev.tokenmeter.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Token buckets by identity, in this instance's memory: at most {@code maxBuckets} of them (least
 * recently used forgotten first) and each forgotten after {@code idleExpiry} unused. A forgotten bucket
 * comes back full, which after a long enough idle spell is what it would have been anyway.
 */
public final class TokenBuckets {

    /** The default of {@code max-buckets} in both services' rate-limit settings, as a {@code @DefaultValue}. */
    public static final String DEFAULT_MAX_BUCKETS = "100000";

    /** The default of {@code idle-expiry} in both services' rate-limit settings, as a {@code @DefaultValue}. */
    public static final String DEFAULT_IDLE_EXPIRY = "15m";

    private record Id(String scope, String name, String pool) {
    }

    private final Cache<Id, Bucket> buckets;
    private final TimeMeter time;

    public TokenBuckets(int maxBuckets, Duration idleExpiry, TimeMeter time) {
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfterAccess(idleExpiry)
                .build();
        this.time = time;
    }

    /**
     * Takes one token from each bucket in order; when one refuses, gives back the tokens already
     * taken, so a refused request costs nothing.
     *
     * @param draws at least one
     */
    public Decision take(List<Draw> draws) {
        List<Bucket> taken = new ArrayList<>(draws.size());
        @Nullable
        Decision tightest = null;
        for (Draw draw : draws) {
            Bucket bucket = buckets.get(new Id(draw.scope(), draw.name(), draw.pool()), id -> newBucket(draw.quota()));
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                taken.forEach(refund -> refund.addTokens(1));
                return new Decision(false, draw, probe.getRemainingTokens(), probe.getNanosToWaitForReset(),
                        probe.getNanosToWaitForRefill());
            }
            taken.add(bucket);
            Decision allowed = new Decision(true, draw, probe.getRemainingTokens(), probe.getNanosToWaitForReset(), 0);
            if (tightest == null || allowed.tighterThan(tightest)) {
                tightest = allowed;
            }
        }
        if (tightest == null) {
            throw new IllegalArgumentException("A request draws from at least one bucket");
        }
        return tightest;
    }

    /** How many buckets are held now (after pending evictions). */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(Quota quota) {
        return Bucket.builder()
                .addLimit(quota.bandwidth())
                .withCustomTimePrecision(time)
                .build();
    }
}
