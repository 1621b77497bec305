package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.ids.Ids;
import dev.tokenmeter.query.range.Bucket;
import dev.tokenmeter.query.usage.Totals;
import dev.tokenmeter.query.usage.UsageService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates budgets: the spend of each one's current period, the alerts it calls for, and for each
 * alert not raised before, raising it into the {@link Outbox} with its deliveries. Periods that ended
 * within {@link BudgetSettings#lateWindow()} are evaluated again for their thresholds (one query for
 * all of them), so a crossing in a period's last minute, or one caused by late events, still alerts;
 * forecasts only concern the open period.
 *
 * <p>Safe with any number of evaluators on any number of instances: an alert is raised by inserting
 * its (budget, period, kind, threshold) row, which exists at most once, in the transaction that
 * enqueues its deliveries. Re-evaluating the same spend, or the same events replayed, raises nothing
 * new; a new period has no rows yet, so its thresholds are armed again.
 */
@Component
class Evaluator implements AlertSource<Budget, DryRun> {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);
    private static final int TOP = 3;

    private final Budgets budgets;
    private final Alerts alerts;
    private final DeliveryWorker worker;
    private final Outbox outbox;
    private final UsageService usage;
    private final Webhooks webhooks;
    private final UtilizationGauges gauges;
    private final BudgetCheck check;
    private final BudgetSettings settings;
    private final AlertSettings site;
    private final Clock clock;
    private final MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    Evaluator(Budgets budgets, Alerts alerts, DeliveryWorker worker, Outbox outbox, UsageService usage, Webhooks webhooks,
            UtilizationGauges gauges, BudgetCheck check,
            BudgetSettings settings, AlertSettings site, Clock clock, MeterRegistry meters) {
        this.budgets = budgets;
        this.alerts = alerts;
        this.worker = worker;
        this.outbox = outbox;
        this.usage = usage;
        this.webhooks = webhooks;
        this.gauges = gauges;
        this.check = check;
        this.settings = settings;
        this.site = site;
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

    /** One budget, now: its current period and the late ones. Answers how many alerts notify. */
    @Override
    public Mono<Integer> evaluate(Budget budget) {
        return evaluate(budget, clock.instant());
    }

    /** One budget; a failure is logged and leaves the other budgets' evaluation alone. */
    Mono<Integer> evaluate(Budget budget, Instant at) {
        List<BudgetPeriod> late = latePeriods(budget, at);
        Instant from = late.isEmpty() ? budget.periodAt(at).start() : late.get(0).start();
        return outbox.raisedSince(budget.id(), from)
                .flatMap(raised -> standing(budget, at)
                        .doOnNext(gauges::record)
                        .flatMap(current -> check.save(current).thenReturn(current))
                        .flatMap(current -> raise(current, current.alertsDue(settings.forecastAfterPercent()), raised, at))
                        .flatMap(now -> lateAlerts(budget, late, raised, at).map(then -> now + then)))
                .onErrorResume(e -> skipped(budget, e));
    }

    /** Periods before the current one that ended within the late window, oldest first. */
    private List<BudgetPeriod> latePeriods(Budget budget, Instant at) {
        List<BudgetPeriod> periods = new ArrayList<>();
        BudgetPeriod period = budget.periodAt(at);
        Instant horizon = at.minus(settings.lateWindow());
        while (true) {
            BudgetPeriod before = budget.periodAt(period.start().minusNanos(1000));
            if (!before.end().isAfter(horizon)) {
                break;
            }
            periods.add(0, before);
            period = before;
        }
        return periods;
    }

    private Mono<Integer> lateAlerts(Budget budget, List<BudgetPeriod> late, Map<Instant, Set<AlertKey>> raised, Instant at) {
        if (late.isEmpty()) {
            return Mono.just(0);
        }
        List<Bucket> buckets = late.stream().map(p -> new Bucket(p.start(), p.end())).toList();
        return usage.totals(budget.tenant(), buckets, budget.filters())
                .flatMapMany(totals -> Flux.range(0, late.size()).map(i -> evaluation(budget, late.get(i), at, totals.get(i))))
                .concatMap(e -> raise(e, e.crossed().stream().map(t -> AlertKey.threshold(t)).toList(), raised, at))
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> raise(Evaluation evaluation, List<AlertKey> due, Map<Instant, Set<AlertKey>> raised, Instant at) {
        Set<AlertKey> before = raised.getOrDefault(evaluation.period().start(), Set.of());
        List<AlertKey> fresh = due.stream().filter(key -> !before.contains(key)).toList();
        if (fresh.isEmpty()) {
            return Mono.just(0);
        }
        Budget budget = evaluation.budget();
        return drivers(evaluation)
                .map(drivers -> fresh.stream()
                        .map(key -> alert(evaluation, key, false))
                        .map(alert -> new Outbox.Candidate(alert, messages(alert, drivers)))
                        .toList())
                .flatMap(candidates -> outbox.raise(budget, evaluation.period().start(), candidates, at, clock.instant()))
                .doOnNext(n -> meters.counter("tokenmeter.budget.alerts", "policy", budget.notifyPolicy().param()).increment(n));
    }

    /** What evaluating the budget now would send, without sending or recording anything. */
    @Override
    public Mono<DryRun> dryRun(Budget budget) {
        Instant at = clock.instant();
        return standing(budget, at)
                .zipWith(alerts.raisedIn(budget.id(), budget.periodAt(at).start()).collectMap(Alerts.Raised::key, Alerts.Raised::id))
                .flatMap(both -> drivers(both.getT1())
                        .map(drivers -> DryRun.of(both.getT1(), both.getT2(), settings.forecastAfterPercent(),
                                key -> preview(alert(both.getT1(), key, false), drivers, at))));
    }

    /**
     * Sends the alert of the budget's lowest threshold, as it would look now and marked as a test, to one
     * of its channels, at once; nothing is recorded and nothing is retried.
     */
    @Override
    public Mono<TestSend> test(Budget budget, String channelId) {
        return Mono.justOrEmpty(budget.channels().stream().filter(c -> c.id().equals(channelId)).findFirst())
                .flatMap(channel -> standing(budget, clock.instant())
                        .flatMap(e -> drivers(e).map(drivers -> {
                            Alert alert = alert(e, AlertKey.threshold(budget.thresholds().get(0)), true);
                            return new Outbox.Message(channel, payload(alert, channel, drivers));
                        }))
                        .flatMap(message -> {
                            String delivery = Ids.delivery();
                            return worker.send(channel, delivery, "test", message.payload())
                                    .map(o -> new TestSend(channel.id(), channel.format().code(), delivery, o.ok(), o.status(),
                                            o.response(), o.error()));
                        }));
    }

    private DryRun.WouldSend preview(Alert alert, AlertEmail.Drivers drivers, Instant at) {
        List<DryRun.Preview> previews = messages(alert, drivers).stream()
                .map(message -> preview(alert, message, at))
                .toList();
        return new DryRun.WouldSend(alert.key().kind().code(), alert.key().threshold(), alert.body(), previews);
    }

    private DryRun.Preview preview(Alert alert, Outbox.Message message, Instant at) {
        Channel channel = message.channel();
        String delivery = Ids.delivery();
        if (channel.format() != Channel.Format.EMAIL) {
            Webhooks.Request request = webhooks.request(channel, delivery, message.payload(), at.getEpochSecond());
            return new DryRun.Preview(channel.id(), request.format(), request.url(), request.headers(), request.body(), null, null);
        }
        AlertEmail email = Mailer.email(message.payload());
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("From", site.from());
        headers.put("To", String.join(", ", channel.recipients()));
        headers.put("Subject", email.subject());
        headers.put(Webhooks.DELIVERY_HEADER, delivery);
        headers.put(Mailer.ALERT_HEADER, alert.id());
        return new DryRun.Preview(channel.id(), channel.format().code(), channel.url().toString(), headers, email.text(), email,
                channel.recipients());
    }

    /** The budget's standing at {@code at}: the spend of the whole period that holds it. */
    Mono<Evaluation> standing(Budget budget, Instant at) {
        BudgetPeriod period = budget.periodAt(at);
        return usage.total(budget.tenant(), List.of(new Bucket(period.start(), period.end())), budget.filters())
                .map(totals -> evaluation(budget, period, at, totals));
    }

    private static Evaluation evaluation(Budget budget, BudgetPeriod period, Instant at, Totals totals) {
        return Evaluation.of(budget, period, at, totals.costUsd(), totals.totalTokens(), totals.requests());
    }

    /** "What drove it", read only when an email channel will show it. */
    Mono<AlertEmail.Drivers> drivers(Evaluation e) {
        Budget b = e.budget();
        if (b.channels().stream().noneMatch(c -> c.format() == Channel.Format.EMAIL)) {
            return Mono.just(AlertEmail.Drivers.NONE);
        }
        List<Bucket> period = List.of(new Bucket(e.period().start(), e.period().end()));
        return Mono.zip(usage.topCost(b.tenant(), period, b.filters(), "project", TOP),
                usage.topCost(b.tenant(), period, b.filters(), "model", TOP),
                usage.topCost(b.tenant(), period, b.filters(), "apiKey", TOP))
                .map(top -> new AlertEmail.Drivers(top.getT1(), top.getT2(), top.getT3()));
    }

    /** What each channel of the alert's budget receives. */
    List<Outbox.Message> messages(Alert alert, AlertEmail.Drivers drivers) {
        return alert.budget().channels().stream()
                .map(channel -> new Outbox.Message(channel, payload(alert, channel, drivers)))
                .toList();
    }

    private String payload(Alert alert, Channel channel, AlertEmail.Drivers drivers) {
        if (channel.format() != Channel.Format.EMAIL) {
            return webhooks.payload(alert, channel.format());
        }
        Evaluation e = alert.evaluation();
        return Mailer
                .payload(AlertEmail.of(alert.body(), e.budget(), e.period(), drivers, site.publicUrl().toString(), alert.body().test()));
    }

    /** The alert for a key, raised at the evaluation's instant, with a new id and its JSON written once. */
    Alert alert(Evaluation evaluation, AlertKey key, boolean test) {
        Instant raisedAt = evaluation.at();
        AlertBody body = AlertBody.of(Ids.alert(), evaluation, key, raisedAt, test);
        return new Alert(key, evaluation, raisedAt, body, json.writeValueAsString(body));
    }

    private Mono<Integer> skipped(Budget budget, Throwable e) {
        log.warn("Budget {} of tenant {} was not evaluated this time", budget.id(), budget.tenant(), e);
        return Mono.just(0);
    }
}
