package dev.tokenmeter.ingest.http;

import dev.tokenmeter.ratelimit.Decision;
import dev.tokenmeter.ratelimit.Draw;
import dev.tokenmeter.ratelimit.TokenBuckets;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rate limits of HTTP ingest: one token per request from the key's bucket and from its tenant's,
 * taken only after the key authenticated, so unknown keys never create a bucket.
 */
@Component
class RateLimits {

    private final RateLimitSettings settings;
    private final TokenBuckets buckets;
    private final MeterRegistry meters;

    @Autowired
    RateLimits(RateLimitSettings settings, MeterRegistry meters) {
        this(settings, meters, TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimits(RateLimitSettings settings, MeterRegistry meters, TimeMeter time) {
        this.settings = settings;
        this.buckets = new TokenBuckets(settings.maxBuckets(), settings.idleExpiry(), time);
        this.meters = meters;
    }

    /**
     * What the buckets decided for one request of this key; empty when limits are off.
     *
     * @throws RateLimited when a bucket is empty
     */
    Optional<Decision> take(IngestKey key) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Decision decision = buckets.take(List.of(
                new Draw("key", key.id(), "requests", settings.key()),
                new Draw("tenant", key.tenant(), "requests", settings.tenant())));
        if (!decision.allowed()) {
            meters.counter("ingest.ratelimit.refused", "scope", decision.draw().scope()).increment();
            throw new RateLimited(decision);
        }
        return Optional.of(decision);
    }

    /** A request over its key's or tenant's rate limit: a 429 with {@code Retry-After}. */
    static final class RateLimited extends RuntimeException {

        private final transient Decision decision;

        RateLimited(Decision decision) {
            super("This " + decision.draw().scope() + " has used its ingest rate limit (" + decision.draw().quota().describe()
                    + "); send larger batches less often, and retry after " + decision.retryAfterSeconds() + " s",
                    null, false, false);
            this.decision = decision;
        }

        Decision decision() {
            return decision;
        }
    }
}
