package dev.tokenmeter.query.budget;

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
 * @param lateWindow            periods that ended less than this long ago are evaluated again (thresholds
 *                              only), so events that arrive late still raise their alerts; keep it at the
 *                              ingest service's late window
 * @param checkCacheTtl         how long {@code GET /budgets/check} may answer from its per-tenant cache
 * @param maxPerTenant          most budgets one tenant may have (each has a gauge)
 */
@Validated
@ConfigurationProperties("tokenmeter.budgets")
record BudgetSettings(
        @DefaultValue("true") boolean evaluate,
        @DefaultValue("1m") Duration evaluationInterval,
        @DefaultValue("4") @Min(1) int evaluationConcurrency,
        @DefaultValue("10") @Min(0) @Max(100) int forecastAfterPercent,
        @DefaultValue("35d") Duration lateWindow,
        @DefaultValue("1s") Duration checkCacheTtl,
        @DefaultValue("1000") @Min(1) int maxPerTenant) {
}
