package dev.tokenmeter.query.pricing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How re-pricing jobs run ({@code tokenmeter.query.repricing.*}).
 *
 * @param poll       how often an idle runner looks for queued jobs (a submit wakes it at once)
 * @param heartbeat  how often a running job records that its runner is alive
 * @param staleAfter how long a running job may go without a heartbeat before a runner (another
 *                   instance, or this one restarted after it died) claims it again and starts it over;
 *                   more than {@code heartbeat}, with room for a slow database
 */
@ConfigurationProperties("tokenmeter.query.repricing")
record RepricingSettings(@DefaultValue("2s") Duration poll, @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("1m") Duration staleAfter) {

    RepricingSettings {
        if (staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("tokenmeter.query.repricing.stale-after (" + staleAfter
                    + ") must be at least twice heartbeat (" + heartbeat + ")");
        }
    }
}
