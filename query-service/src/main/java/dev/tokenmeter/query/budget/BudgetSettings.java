package dev.tokenmeter.query.budget;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Budget settings ({@code tokenmeter.budgets.*}).
 *
 * @param evaluate              whether this instance evaluates budgets on a schedule; the API works either way
 * @param evaluationInterval    time between two evaluations of every budget
 * @param evaluationConcurrency budgets evaluated at once
 * @param forecastAfterPercent  share of the period that must have passed before a forecast alert may be
 *                              raised: a linear projection from the first minutes of a period is noise
 * @param deliveryAttempts      attempts per webhook, the first included
 * @param firstRetryDelay       wait before the second attempt
 * @param retryMultiplier       factor between successive waits (1s, 4s, ... with the defaults)
 * @param deliveryTimeout       longest one attempt may wait for an answer
 * @param maxPerTenant          most budgets one tenant may have (each has a gauge)
 */
@Validated
@ConfigurationProperties("tokenmeter.budgets")
record BudgetSettings(
        @DefaultValue("true") boolean evaluate,
        @DefaultValue("1m") Duration evaluationInterval,
        @DefaultValue("4") @Min(1) int evaluationConcurrency,
        @DefaultValue("10") @Min(0) @Max(100) int forecastAfterPercent,
        @DefaultValue("3") @Min(1) @Max(10) int deliveryAttempts,
        @DefaultValue("1s") Duration firstRetryDelay,
        @DefaultValue("4") @DecimalMin("1") double retryMultiplier,
        @DefaultValue("10s") Duration deliveryTimeout,
        @DefaultValue("1000") @Min(1) int maxPerTenant) {
}
