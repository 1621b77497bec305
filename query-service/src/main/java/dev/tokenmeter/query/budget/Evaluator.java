package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.range.Bucket;
import dev.tokenmeter.query.usage.UsageService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates budgets: the spend of each one's current period, the alerts it calls for, and for each
 * alert not raised before, raising and delivering it.
 *
 * <p>Safe with any number of evaluators on any number of instances: an alert is raised by inserting
 * its (budget, period, kind, threshold) row, which exists at most once, and only the evaluator whose
 * insert succeeded delivers it. Re-evaluating the same spend, or the same events replayed, raises
 * nothing new; a new period has no rows yet, so its thresholds are armed again.
 */
@Component
class Evaluator {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);

    private final Budgets budgets;
    private final Alerts alerts;
    private final UsageService usage;
    private final Webhooks webhooks;
    private final UtilizationGauges gauges;
    private final BudgetSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    Evaluator(Budgets budgets, Alerts alerts, UsageService usage, Webhooks webhooks, UtilizationGauges gauges,
              BudgetSettings settings, Clock clock, MeterRegistry meters) {
        this.budgets = budgets;
        this.alerts = alerts;
        this.usage = usage;
        this.webhooks = webhooks;
        this.gauges = gauges;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** Evaluates every budget now; what the schedule runs. Answers how many alerts this call raised. */
    Mono<Integer> evaluateNow() {
        return Mono.defer(() -> evaluate(clock.instant()));
    }

    /** Evaluates every budget as of {@code at}, in the period that holds it; answers how many alerts this call raised. */
    Mono<Integer> evaluate(Instant at) {
        return budgets.all()
                .collectList()
                .doOnNext(gauges::retainOnly)
                .flatMapMany(Flux::fromIterable)
                .flatMap(budget -> evaluate(budget, at), settings.evaluationConcurrency())
                .reduce(0, Integer::sum);
    }

    /** One budget; a failure is logged and leaves the other budgets' evaluation alone. */
    private Mono<Integer> evaluate(Budget budget, Instant at) {
        return standing(budget, at)
                .doOnNext(gauges::record)
                .flatMapIterable(evaluation -> evaluation.alertsDue(settings.forecastAfterPercent()).stream()
                        .map(key -> alert(evaluation, key))
                        .toList())
                .concatMap(this::raiseAndDeliver)
                .reduce(0, Integer::sum)
                .onErrorResume(e -> skipped(budget, e));
    }

    /** The budget's standing at {@code at}: the spend of the whole period that holds it. */
    Mono<Evaluation> standing(Budget budget, Instant at) {
        BudgetPeriod period = budget.periodAt(at);
        return usage.total(budget.tenant(), List.of(new Bucket(period.start(), period.end())), budget.filters())
                .map(totals -> Evaluation.of(budget, period, at, totals.costUsd(), totals.totalTokens(), totals.requests()));
    }

    /** What evaluating the budget now would send, without sending or recording anything. */
    Mono<DryRun> dryRun(Budget budget) {
        Instant at = clock.instant();
        return standing(budget, at)
                .zipWith(alerts.raisedIn(budget.id(), budget.periodAt(at).start()).collectList())
                .map(both -> DryRun.of(both.getT1(), both.getT2(), settings.forecastAfterPercent(), this::alert, webhooks,
                        at.getEpochSecond()));
    }

    /** The alert for a key, with a new id and its JSON written once. */
    Alert alert(Evaluation evaluation, AlertKey key) {
        Instant now = clock.instant();
        AlertBody body = AlertBody.of(Ids.alert(), evaluation, key, now);
        return new Alert(key, evaluation, now, body, json.writeValueAsString(body));
    }

    private Mono<Integer> raiseAndDeliver(Alert alert) {
        return alerts.raise(alert)
                .filter(raised -> raised)
                .doOnNext(raised -> meters.counter("tokenmeter.budget.alerts", "kind", alert.key().kind().code()).increment())
                .flatMap(raised -> webhooks.deliver(alert).thenReturn(1))
                .defaultIfEmpty(0);
    }

    private Mono<Integer> skipped(Budget budget, Throwable e) {
        log.warn("Budget {} of tenant {} was not evaluated this time", budget.id(), budget.tenant(), e);
        return Mono.just(0);
    }
}
