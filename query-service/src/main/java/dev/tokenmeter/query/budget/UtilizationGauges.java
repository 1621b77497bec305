package dev.tokenmeter.query.budget;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code tokenmeter.budget.utilization{budget, tenant}}: each budget's share of its limit spent in its
 * current period (1 = the limit; above 1 past it), as of the last evaluation on this instance, for
 * Alertmanager rules. One gauge per budget, removed with the budget: bounded by the budgets per tenant.
 */
@Component
class UtilizationGauges {

    static final String NAME = "tokenmeter.budget.utilization";

    private record Held(Gauge gauge, AtomicReference<Double> share) {
    }

    private final MeterRegistry registry;
    private final Map<String, Held> gauges = new ConcurrentHashMap<>();

    UtilizationGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Evaluation evaluation) {
        Budget budget = evaluation.budget();
        gauges.computeIfAbsent(budget.id(), id -> register(budget))
                .share()
                .set(evaluation.share().doubleValue());
    }

    /** Drops the gauges of budgets that no longer exist. */
    void retainOnly(Collection<Budget> budgets) {
        Set<String> ids = budgets.stream().map(Budget::id).collect(Collectors.toSet());
        gauges.keySet().stream()
                .filter(id -> !ids.contains(id))
                .toList()
                .forEach(this::remove);
    }

    void remove(String budgetId) {
        Held held = gauges.remove(budgetId);
        if (held != null) {
            registry.remove(held.gauge());
        }
    }

    private Held register(Budget budget) {
        AtomicReference<Double> share = new AtomicReference<>(0.0);
        Gauge gauge = Gauge.builder(NAME, share, AtomicReference::get)
                .description("Share of the budget's limit spent in its current period (1 = the limit)")
                .tags("budget", budget.id(), "tenant", budget.tenant())
                .strongReference(true)
                .register(registry);
        return new Held(gauge, share);
    }
}
