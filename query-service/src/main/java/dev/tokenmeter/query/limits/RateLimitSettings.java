package dev.tokenmeter.query.limits;

import dev.tokenmeter.ratelimit.Quota;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits of the query API ({@code tokenmeter.query.rate-limits.*}), per instance. The defaults
 * of every role are in {@code application.yml} and the README; a role left out of the configuration
 * gets {@link Quota}'s defaults.
 *
 * @param enabled    whether requests are limited at all
 * @param maxBuckets most buckets kept in memory (two per active key: requests and expensive, and
 *                   two per active tenant); the least recently used beyond it are forgotten
 * @param idleExpiry a bucket unused this long is forgotten; it should exceed the time a bucket
 *                   takes to refill, so forgetting it gives nothing away
 * @param viewer     per viewer key
 * @param admin      per admin key
 * @param operator   for the operator key of the configuration (it draws from no tenant's buckets)
 * @param tenant     shared by all keys of one tenant
 */
@Validated
@ConfigurationProperties("tokenmeter.query.rate-limits")
record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100000") @Min(1) int maxBuckets,
        @DefaultValue("15m") Duration idleExpiry,
        @DefaultValue @Valid Pools viewer,
        @DefaultValue @Valid Pools admin,
        @DefaultValue @Valid Pools operator,
        @DefaultValue @Valid Pools tenant) {

    /**
     * The two buckets of one key or tenant.
     *
     * @param requests  every API request but the expensive ones
     * @param expensive CSV export, re-pricing and budget dry-runs, which draw only from this lower limit
     */
    record Pools(@DefaultValue @Valid Quota requests, @DefaultValue @Valid Quota expensive) {
    }
}
