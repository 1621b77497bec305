package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.CamelCaseParam;

/**
 * Allow-listed breakdown orders ({@code sort} = {@link #param()}: cost, requests, tokens, errorRate, latency,
 * lastSeen), each descending, then by cost (descending), then by key; {@code share}
 * is the share of the same measure. The order is applied in SQL ({@link UsageQuery#top}), over each
 * key's sums: rates and averages are divided as doubles, as {@link Totals} does.
 */
enum BreakdownSort implements CamelCaseParam {
    COST("key_cost"), REQUESTS("key_requests"), TOKENS("key_tokens"), ERROR_RATE(
            "CASE WHEN key_requests = 0 THEN 0 ELSE (key_errors + key_timeouts)::float8 / key_requests::float8 END"), LATENCY(
                    "CASE WHEN key_latency_count = 0 THEN -1 ELSE key_latency_sum_ms::float8 / key_latency_count::float8 END"),
    /** Most recently seen first: the key's latest event time (keys without one, if any, last). */
    LAST_SEEN("key_last_seen");

    /** What the rows are ranked by, over each key's sums. */
    private final String measure;

    BreakdownSort(String measure) {
        this.measure = measure;
    }

    /** The ORDER BY list of {@link UsageQuery#top}: the measure, cost, then the key (none after the empty one). */
    String ranking() {
        return measure + " DESC NULLS LAST, key_cost DESC, coalesce(k, '') COLLATE \"C\", k IS NULL";
    }

    /** The row's part of the total: cost share for cost, token share for tokens, request share otherwise. */
    double share(Totals row, Totals total) {
        return switch (this) {
            case COST -> total.costUsd().signum() == 0 ? 0 : row.costUsd().doubleValue() / total.costUsd().doubleValue();
            case TOKENS -> total.totalTokens() == 0 ? 0 : (double) row.totalTokens() / total.totalTokens();
            default -> total.requests() == 0 ? 0 : (double) row.requests() / total.requests();
        };
    }

    static BreakdownSort parse(String value) {
        return BadParameter.oneOf("sort", values(), BreakdownSort::param, value);
    }
}
