package dev.tokenmeter.ingest.pricing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ingest keeps tenants' prices current ({@code tokenmeter.ingest.pricing.*}).
 *
 * @param refresh how often every tenant's prices are reloaded, in case a change notification was missed
 * @param listen  whether to reload as soon as PostgreSQL notifies a change ({@code LISTEN price_override})
 * @param loadMinBackoff   the first wait before the start-up load of the prices is tried again (doubling each time)
 * @param loadMaxBackoff   the longest such wait (the load is tried until it succeeds: no event is priced before)
 * @param listenMinBackoff the first wait before listening for changes again after the connection failed
 * @param listenMaxBackoff the longest such wait
 */
@ConfigurationProperties("tokenmeter.ingest.pricing")
public record PricingSettings(@DefaultValue("10s") Duration refresh, @DefaultValue("true") boolean listen,
        @DefaultValue("200ms") Duration loadMinBackoff, @DefaultValue("10s") Duration loadMaxBackoff,
        @DefaultValue("1s") Duration listenMinBackoff, @DefaultValue("30s") Duration listenMaxBackoff) {
}
