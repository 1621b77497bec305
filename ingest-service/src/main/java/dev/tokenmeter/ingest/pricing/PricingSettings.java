package dev.tokenmeter.ingest.pricing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ingest keeps tenants' prices current ({@code tokenmeter.ingest.pricing.*}).
 *
 * @param refresh how often every tenant's prices are reloaded, in case a change notification was missed
 * @param listen  whether to reload as soon as PostgreSQL notifies a change ({@code LISTEN price_override})
 */
@ConfigurationProperties("tokenmeter.ingest.pricing")
public record PricingSettings(@DefaultValue("10s") Duration refresh, @DefaultValue("true") boolean listen) {
}
