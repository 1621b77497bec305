package dev.tokenmeter.ratelimit;

import io.github.bucket4j.Bandwidth;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One token bucket: up to {@code burst} requests at once, refilled with {@code refill} requests every
 * {@code per} (greedily, a little at a time), so {@code refill / per} is the sustained rate.
 *
 * @param burst  the bucket's capacity: requests allowed back to back after a quiet spell
 * @param refill requests added back every {@code per}
 * @param per    the refill period
 */
public record Quota(@DefaultValue("200") @Min(1) long burst, @DefaultValue("50") @Min(1) long refill, @DefaultValue("1s") Duration per) {

    public Quota {
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("A rate limit's 'per' must be a positive duration, got " + per);
        }
    }

    Bandwidth bandwidth() {
        return Bandwidth.builder()
                .capacity(burst)
                .refillGreedy(refill, per)
                .build();
    }

    /** In words for refusals, e.g. {@code 200 at once, 50 more every 1 s}. */
    public String describe() {
        String period = per.toMillis() % 1000 == 0 ? per.toSeconds() + " s" : per.toMillis() + " ms";
        return burst + " at once, " + refill + " more every " + period;
    }

    /**
     * The quota as an IETF {@code RateLimit-Policy} item: {@code refill} requests in a window of
     * {@code per} seconds, with the burst as an extension parameter.
     */
    public String policy() {
        long seconds = Math.max(1, (per.toMillis() + 999) / 1000);
        return refill + ";w=" + seconds + ";burst=" + burst;
    }
}
