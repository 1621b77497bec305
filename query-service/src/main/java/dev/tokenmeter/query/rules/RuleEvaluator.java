package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.ids.Ids;
import dev.tokenmeter.query.rules.Bodies.AnomalyBody;
import dev.tokenmeter.query.rules.Bodies.DigestBody;
import dev.tokenmeter.query.rules.Bodies.Expected;
import dev.tokenmeter.query.rules.Bodies.Figures;
import dev.tokenmeter.query.rules.Bodies.RuleRef;
import dev.tokenmeter.query.rules.Bodies.UsageBody;
import dev.tokenmeter.query.usage.Totals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates rules: measures, decides and raises their notices through {@link Notices} (and so the
 * outbox). The same findings answer a dry run (nothing recorded) and a test send (marked as a test).
 */
@Component
class RuleEvaluator {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluator.class);
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    /**
     * What an evaluation finds.
     *
     * @param status     the figures it looked at (kind-specific, shown by evaluate and dry-run)
     * @param notice     what it would raise now; null when nothing is due
     */
    record Finding(Map<String, Object> status, @Nullable Notice notice) {
    }

    private final Measurements measurements;
    private final Notices notices;
    private final BudgetsAtRisk risks;
    private final RuleSettings settings;
    private final String publicUrl;

    RuleEvaluator(Measurements measurements, Notices notices, BudgetsAtRisk risks, RuleSettings settings,
            @Value("${tokenmeter.public-url:http://localhost:8080}") String publicUrl) {
        this.measurements = measurements;
        this.notices = notices;
        this.risks = risks;
        this.settings = settings;
        this.publicUrl = publicUrl;
    }

    /** Evaluates every enabled rule at {@code at}; one rule's failure is logged and the others go on. Answers the notices raised. */
    Mono<Integer> evaluateAll(Flux<Rule> rules, Instant at) {
        return rules.concatMap(rule -> evaluate(rule, at)
                .onErrorResume(e -> {
                    log.warn("Evaluating rule {} of tenant {} failed; retrying at the next round", rule.id(), rule.tenant(), e);
                    return Mono.just(0);
                }))
                .reduce(0, Integer::sum);
    }

    /** Evaluates the rule at {@code at} and raises what is due; answers how many notices were raised. */
    Mono<Integer> evaluate(Rule rule, Instant at) {
        if (rule.spec() instanceof RuleSpec.Usage spec) {
            return measurements.usage(rule, spec, at)
                    .flatMap(m -> notices.step(rule, spec, m.value(), at, step -> usageNotice(rule, spec, m, step, at, false)));
        }
        return find(rule, at, false)
                .flatMap(f -> f.notice() == null ? Mono.just(0) : notices.raise(f.notice()).map(raised -> raised ? 1 : 0));
    }

    /**
     * What evaluating now finds, recording nothing. For a usage rule the notice is the transition the
     * current state would make (none when it would not change); with {@code test} every kind answers the
     * notice it would send were it due, marked as a test.
     */
    Mono<Finding> find(Rule rule, Instant at, boolean test) {
        if (rule.spec() instanceof RuleSpec.Usage spec) {
            return Mono.zip(measurements.usage(rule, spec, at), notices.state(rule.id()))
                    .map(both -> usageFinding(rule, spec, both.getT1(), both.getT2(), at, test));
        }
        if (rule.spec() instanceof RuleSpec.Anomaly spec) {
            return measurements.spendSoFar(rule, spec, at).map(s -> anomalyFinding(rule, spec, s, at, test));
        }
        return digestFinding(rule, (RuleSpec.Digest) rule.spec(), at, test);
    }

    /** Whether the finding's notice was raised before (so evaluating would not send it again). */
    Mono<Boolean> raisedBefore(Finding finding) {
        Notice notice = finding.notice();
        return notice == null ? Mono.just(false) : notices.exists(notice.rule().id(), notice.occurrence());
    }

    private Finding usageFinding(Rule rule, RuleSpec.Usage spec, Measurements.Measured m, Hysteresis.State state, Instant at,
            boolean test) {
        Hysteresis.Step step = Hysteresis.next(spec, state, m.value());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("value", m.value());
        status.put("windowFrom", m.from().toString());
        status.put("windowTo", m.to().toString());
        status.put("firing", state.firing());
        status.put("transition", step.transition().name().toLowerCase(java.util.Locale.ROOT));
        Hysteresis.Step shown = test && step.transition() == Hysteresis.Transition.NONE
                ? new Hysteresis.Step(new Hysteresis.State(true, state.incident() + 1, 0, m.value()), Hysteresis.Transition.FIRE)
                : step;
        Notice notice = shown.transition() == Hysteresis.Transition.NONE ? null : usageNotice(rule, spec, m, shown, at, test);
        return new Finding(status, notice);
    }

    private Notice usageNotice(Rule rule, RuleSpec.Usage spec, Measurements.Measured m, Hysteresis.Step step, Instant at,
            boolean test) {
        boolean fired = step.transition() == Hysteresis.Transition.FIRE;
        String id = Ids.alert();
        String type = fired ? "rule.fired" : "rule.resolved";
        UsageBody body = new UsageBody(id, type, rule.tenant(), RuleRef.of(rule), spec.measure().code(), spec.comparison().code(),
                spec.threshold(), spec.clearThreshold(), m.value(), RuleSpec.Usage.window(spec.window()), m.from().toString(),
                m.to().toString(), step.state().incident(), time(at, ZoneOffset.UTC), test);
        String link = Render.link(publicUrl, rule.scope(), "range=today&tz=UTC");
        return notice(rule, id, type, (fired ? "fire:" : "resolve:") + step.state().incident(), at, body, Render.usage(body, link));
    }

    private Finding anomalyFinding(Rule rule, RuleSpec.Anomaly spec, Measurements.SpendSoFar s, Instant at, boolean test) {
        Optional<Baseline.Band> band = Baseline.of(s.weeks(), spec.k());
        boolean anomalous = band.map(b -> b.anomalous(s.spend(), spec.minSpendUsd())).orElse(false);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("periodStart", time(s.periodStart(), spec.zone()));
        status.put("asOf", time(s.asOf(), spec.zone()));
        status.put("spentUsd", s.spend().stripTrailingZeros());
        status.put("baselineUsd", s.weeks().stream().map(BigDecimal::stripTrailingZeros).toList());
        status.put("expected", band.map(RuleEvaluator::expected).orElse(null));
        status.put("anomalous", anomalous);
        if (!anomalous && !test) {
            return new Finding(status, null);
        }
        Baseline.Band shown = band.orElse(new Baseline.Band(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
        String id = Ids.alert();
        AnomalyBody body = new AnomalyBody(id, "anomaly.spend", rule.tenant(), RuleRef.of(rule), spec.granularity().code(),
                spec.zone().getId(), time(s.periodStart(), spec.zone()), time(s.asOf(), spec.zone()), s.spend().stripTrailingZeros(),
                expected(shown), s.weeks().stream().map(BigDecimal::stripTrailingZeros).toList(), spec.k(), spec.minSpendUsd(),
                time(at, spec.zone()), test);
        String link = Render.link(publicUrl, rule.scope(), "range=today&tz=" + Render.encode(spec.zone().getId()));
        return new Finding(status, notice(rule, id, "anomaly.spend", "anomaly:" + s.periodStart(), at, body, Render.anomaly(body, link)));
    }

    private Mono<Finding> digestFinding(Rule rule, RuleSpec.Digest spec, Instant at, boolean test) {
        DigestPeriod period = DigestPeriod.latest(spec, at);
        boolean due = !period.scheduledAt().isBefore(rule.createdAt()) && at.isBefore(period.scheduledAt().plus(settings.digestCatchUp()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("scheduledAt", time(period.scheduledAt(), spec.zone()));
        status.put("from", time(period.from(), spec.zone()));
        status.put("to", time(period.to(), spec.zone()));
        status.put("due", due);
        if (!due && !test) {
            return Mono.just(new Finding(status, null));
        }
        return Mono.zip(measurements.digest(rule, period), risks.of(rule.tenant(), at).collectList())
                .map(all -> {
                    Measurements.DigestFigures f = all.getT1();
                    List<Bodies.Mover> movers = new ArrayList<>();
                    for (String dimension : List.of("project", "model")) {
                        movers.addAll(Movers.of(dimension, f.currentCosts().getOrDefault(dimension, Map.of()),
                                f.previousCosts().getOrDefault(dimension, Map.of()), spec.topMovers()));
                    }
                    String id = Ids.alert();
                    DigestBody body = new DigestBody(id, "digest", rule.tenant(), RuleRef.of(rule), spec.cadence().code(),
                            spec.zone().getId(),
                            time(period.from(), spec.zone()), time(period.to(), spec.zone()), figures(f.current()), figures(f.previous()),
                            movers, all.getT2(), time(at, spec.zone()), test);
                    LocalDate first = period.from().atZone(spec.zone()).toLocalDate();
                    LocalDate last = period.to().atZone(spec.zone()).toLocalDate().minusDays(1);
                    String link = Render.link(publicUrl, rule.scope(),
                            "range=custom&from=" + first + "&to=" + last + "&tz=" + Render.encode(spec.zone().getId()));
                    return new Finding(status, notice(rule, id, "digest", "digest:" + period.from(), at, body, Render.digest(body, link)));
                });
    }

    static Figures figures(Totals t) {
        BigDecimal failed = BigDecimal.valueOf(t.errors() + t.timeouts());
        BigDecimal rate = t.requests() == 0
                ? BigDecimal.ZERO
                : failed.divide(BigDecimal.valueOf(t.requests()), MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros();
        return new Figures(t.costUsd().setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros(), t.requests(), t.errors() + t.timeouts(),
                rate, t.totalTokens());
    }

    private static Expected expected(Baseline.Band b) {
        return new Expected(b.mean(), b.spread(), b.low(), b.high());
    }

    private static Notice notice(Rule rule, String id, String type, String occurrence, Instant at, Object body, Notice.Message message) {
        return new Notice(id, rule, type, occurrence, at, body, JSON.writeValueAsString(body), message);
    }

    static String time(Instant at, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone).toOffsetDateTime());
    }
}
