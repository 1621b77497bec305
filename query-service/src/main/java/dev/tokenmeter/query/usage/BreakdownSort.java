package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.web.BadParameter;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/** Allow-listed breakdown orders, each descending; {@code share} is the share of the same measure. */
enum BreakdownSort {
    COST("cost", t -> t.costUsd().doubleValue()),
    REQUESTS("requests", t -> t.requests()),
    TOKENS("tokens", t -> t.totalTokens()),
    ERROR_RATE("errorRate", Totals::errorRate),
    LATENCY("latency", t -> t.avgLatencyMs() == null ? -1 : t.avgLatencyMs());

    private final String param;
    private final ToDoubleFunction<Totals> measure;

    BreakdownSort(String param, ToDoubleFunction<Totals> measure) {
        this.param = param;
        this.measure = measure;
    }

    String param() {
        return param;
    }

    Comparator<UsageQuery.Group> order() {
        Comparator<UsageQuery.Group> byMeasure = Comparator.comparingDouble(g -> measure.applyAsDouble(g.totals()));
        Comparator<UsageQuery.Group> byCost = Comparator.comparing(g -> g.totals().costUsd(), BigDecimal::compareTo);
        return byMeasure.reversed()
                .thenComparing(byCost.reversed())
                .thenComparing(g -> g.key() == null ? "" : g.key());
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
        for (BreakdownSort sort : values()) {
            if (sort.param.equals(value)) {
                return sort;
            }
        }
        throw new BadParameter("sort", "'" + value + "' is not one of cost, requests, tokens, errorRate, latency");
    }
}
