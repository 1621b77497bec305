package dev.tokenmeter.query.rules;

import dev.tokenmeter.wire.WireNames;
import dev.tokenmeter.query.usage.Totals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What a usage rule measures over its window, from the same totals the summary endpoint answers with. */
enum Measure {
    /** Errors and timeouts per request, 0 to 1; 0 without requests (as the summary's errorRate). */
    ERROR_RATE("errorRate"),
    /** The 95th latency percentile in ms; no value without latencies. */
    P95_LATENCY_MS("p95LatencyMs"), REQUESTS("requests"),
    /** Total tokens per request; no value without requests. */
    TOKENS_PER_REQUEST("tokensPerRequest"), UNPRICED_REQUESTS("unpricedRequests"), COST_USD("costUsd");

    private final String code;

    Measure(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static @Nullable Measure fromCode(String code) {
        return WireNames.find(values(), Measure::code, code).orElse(null);
    }

    /** The measure of the totals; null when there is nothing to measure (then a rule's state does not change). */
    @Nullable
    BigDecimal of(Totals t) {
        return switch (this) {
            case ERROR_RATE -> BigDecimal.valueOf(t.errorRate()).round(MathContext.DECIMAL64);
            case P95_LATENCY_MS -> {
                Double p95 = t.latencyPercentile(0.95);
                yield p95 == null ? null : BigDecimal.valueOf(p95);
            }
            case REQUESTS -> BigDecimal.valueOf(t.requests());
            case TOKENS_PER_REQUEST -> t.requests() == 0
                    ? null
                    : BigDecimal.valueOf(t.totalTokens()).divide(BigDecimal.valueOf(t.requests()), MathContext.DECIMAL64);
            case UNPRICED_REQUESTS -> BigDecimal.valueOf(t.unpricedRequests());
            case COST_USD -> t.costUsd();
        };
    }

    @Override
    public String toString() {
        return code.toLowerCase(Locale.ROOT);
    }
}
