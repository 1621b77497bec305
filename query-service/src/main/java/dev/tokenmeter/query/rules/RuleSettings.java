package dev.tokenmeter.query.rules;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Usage rules, anomaly watches and digests ({@code tokenmeter.rules.*}).
 *
 * @param evaluate            whether this instance evaluates them on a schedule (one instance at a time, by lease)
 * @param evaluationInterval  how often; a usage rule's hysteresis counts evaluations, so this is also its step
 * @param digestCatchUp       a digest whose send time passed longer ago than this (the service was down) is skipped
 * @param budgetRiskShare     a budget is "at risk" in a digest once its current period used this share of its limit
 * @param maxRulesPerTenant   rules of all kinds one tenant may have
 */
@Validated
@ConfigurationProperties("tokenmeter.rules")
record RuleSettings(
        @DefaultValue("true") boolean evaluate,
        @DefaultValue("1m") Duration evaluationInterval,
        @DefaultValue("6h") Duration digestCatchUp,
        @DefaultValue("0.8") @DecimalMin("0") @DecimalMax("10") BigDecimal budgetRiskShare,
        @DefaultValue("100") @Min(1) @Max(10000) int maxRulesPerTenant) {
}
