package dev.tokenmeter.ingest.http;

import dev.tokenmeter.ratelimit.Quota;
import dev.tokenmeter.ratelimit.TokenBuckets;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits of HTTP ingest ({@code tokenmeter.ingest.rate-limits.*}), per instance, counted in
 * requests (each of up to {@code tokenmeter.ingest.http.max-items} events). Defaults are in
 * {@code application.yml} and the README; those of the bucket store are {@link TokenBuckets}', as in the query API.
 *
 * @param enabled    whether requests are limited at all
 * @param maxBuckets most buckets kept in memory (one per active key and one per active tenant);
 *                   the least recently used beyond it are forgotten
 * @param idleExpiry a bucket unused this long is forgotten; it should exceed the time a bucket takes
 *                   to refill, so forgetting it gives nothing away
 * @param key        per ingest key
 * @param tenant     shared by all ingest keys of one tenant
 */
@Validated
@ConfigurationProperties("tokenmeter.ingest.rate-limits")
record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(TokenBuckets.DEFAULT_MAX_BUCKETS) @Min(1) int maxBuckets,
        @DefaultValue(TokenBuckets.DEFAULT_IDLE_EXPIRY) Duration idleExpiry,
        @DefaultValue @Valid Quota key,
        @DefaultValue @Valid Quota tenant) {
}
