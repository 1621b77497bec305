package dev.tokenmeter.query.budget;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alert delivery from the outbox ({@code tokenmeter.alerts.delivery.*}).
 *
 * @param enabled         whether this instance runs the delivery worker; the outbox is filled either way
 * @param pollInterval    how often the worker looks for due deliveries
 * @param batchSize       deliveries one instance claims per poll (and sends at once)
 * @param firstRetryDelay wait after the first failed attempt
 * @param retryMultiplier factor between successive waits
 * @param maxRetryDelay   the longest wait between two attempts
 * @param giveUpAfter     a delivery still failing this long after its alert was raised is given up
 * @param timeout         longest one attempt may wait for an answer (HTTP or SMTP)
 * @param claimTimeout    how long a claimed delivery is invisible to other instances; an instance that died
 *                        mid-attempt is retried after it. Must exceed {@code timeout}
 */
@Validated
@ConfigurationProperties("tokenmeter.alerts.delivery")
record DeliverySettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("20") @Min(1) @Max(500) int batchSize,
        @DefaultValue("10s") Duration firstRetryDelay,
        @DefaultValue("2") @DecimalMin("1") double retryMultiplier,
        @DefaultValue("1h") Duration maxRetryDelay,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("2m") Duration claimTimeout) {

    DeliverySettings {
        if (claimTimeout.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("tokenmeter.alerts.delivery.claim-timeout (" + claimTimeout
                    + ") must exceed timeout (" + timeout + "), or a slow attempt could be sent twice");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: exponential, capped at {@code maxRetryDelay}. */
    Duration retryDelay(int attempts) {
        double millis = firstRetryDelay.toMillis() * Math.pow(retryMultiplier, Math.max(0, attempts - 1));
        return millis >= maxRetryDelay.toMillis() ? maxRetryDelay : Duration.ofMillis((long) millis);
    }
}
