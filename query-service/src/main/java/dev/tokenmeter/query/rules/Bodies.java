package dev.tokenmeter.query.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON a {@code json} channel receives for each kind of notice (and that {@code GET /notices}
 * shows). Every body has {@code id} (the notice, to deduplicate on), {@code type}, {@code tenant},
 * {@code rule}, {@code time} (raised, RFC 3339) and {@code test} (true only for a test send).
 */
final class Bodies {

    private Bodies() {
    }

    /** What a notice is about. */
    record RuleRef(String id, String kind, String name, Map<String, List<String>> scope) {

        static RuleRef of(Rule rule) {
            return new RuleRef(rule.id(), rule.kind().code(), rule.name(), rule.scope());
        }
    }

    /**
     * {@code rule.fired} or {@code rule.resolved}.
     *
     * @param value    the measure over the window that fired or resolved the rule
     * @param incident numbers the fire/resolve pair: the resolved notice carries the incident it ends
     */
    record UsageBody(String id, String type, String tenant, RuleRef rule, String measure, String comparison,
            BigDecimal threshold, BigDecimal clearThreshold, @Nullable BigDecimal value, String window,
            String windowFrom, String windowTo, int incident, String time, boolean test) {
    }

    /**
     * {@code anomaly.spend}: the period's spend so far, far above what the same part of the period spent in the last
     * four weeks.
     *
     * @param baselineUsd the same part of the period 1, 2, 3 and 4 weeks before, in that order
     */
    record AnomalyBody(String id, String type, String tenant, RuleRef rule, String granularity, String tz,
            String periodStart, String asOf, BigDecimal spentUsd, Expected expected, List<BigDecimal> baselineUsd,
            BigDecimal k, BigDecimal minSpendUsd, String time, boolean test) {
    }

    /** The expected band: {@code mean} ± k × {@code spread}. */
    record Expected(BigDecimal mean, BigDecimal spread, BigDecimal low, BigDecimal high) {
    }

    /**
     * {@code digest}: a period's figures beside the period before.
     *
     * @param from first instant of the period, RFC 3339 in the digest's zone; {@code to} is exclusive
     */
    record DigestBody(String id, String type, String tenant, RuleRef rule, String cadence, String tz, String from, String to,
            Figures current, Figures previous, List<Mover> movers, List<BudgetAtRisk> budgetsAtRisk, String time,
            boolean test) {
    }

    /** @param errors failed requests (errors and timeouts) */
    record Figures(BigDecimal costUsd, long requests, long errors, BigDecimal errorRate, long totalTokens) {
    }

    /**
     * A project or model whose cost changed most against the previous period.
     *
     * @param changePercent null when it had no cost before
     */
    record Mover(String dimension, String key, BigDecimal costUsd, BigDecimal previousCostUsd, BigDecimal changeUsd,
            @Nullable BigDecimal changePercent) {
    }

    /**
     * A budget whose current period has used at least the configured share of its limit.
     *
     * @param unit {@code usd} or {@code tokens}
     */
    record BudgetAtRisk(String id, String name, String unit, BigDecimal spent, BigDecimal limit, BigDecimal share,
            String periodEnd) {
    }
}
