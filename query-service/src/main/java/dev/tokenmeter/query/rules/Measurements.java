package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.range.Bucket;
import dev.tokenmeter.query.usage.Totals;
import dev.tokenmeter.query.usage.UsageService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What rules measure, through the usage queries the API answers summaries with (rollups, raw events at the edges). */
@Component
class Measurements {

    static final int WEEKS = 4;
    static final int MOVER_CANDIDATES = 50;

    /** A usage rule's measure over {@code [from, to)}; null value: nothing to measure. */
    record Measured(@Nullable BigDecimal value, Instant from, Instant to) {
    }

    /**
     * An anomaly watch's period so far and the same part of the period 1 to 4 weeks before.
     *
     * @param weeks spend 1, 2, 3 and 4 weeks before, in that order
     */
    record SpendSoFar(Instant periodStart, Instant asOf, BigDecimal spend, List<BigDecimal> weeks) {
    }

    /** A digest period's totals, the previous period's, and each period's cost per project and per model. */
    record DigestFigures(Totals current, Totals previous, Map<String, Map<String, BigDecimal>> currentCosts,
            Map<String, Map<String, BigDecimal>> previousCosts) {
    }

    private final UsageService usage;

    Measurements(UsageService usage) {
        this.usage = usage;
    }

    Mono<Measured> usage(Rule rule, RuleSpec.Usage spec, Instant at) {
        Instant to = at.truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(spec.window());
        return usage.totalsWithLatency(rule.tenant(), List.of(new Bucket(from, to)), rule.filters())
                .map(totals -> new Measured(spec.measure().of(totals.get(0)), from, to));
    }

    Mono<SpendSoFar> spendSoFar(Rule rule, RuleSpec.Anomaly spec, Instant at) {
        Instant asOf = at.truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime local = asOf.atZone(spec.zone());
        ZonedDateTime start = spec.granularity() == RuleSpec.Anomaly.Granularity.DAY
                ? local.toLocalDate().atStartOfDay(spec.zone())
                : local.truncatedTo(ChronoUnit.HOURS);
        Duration elapsed = Duration.between(start.toInstant(), asOf);
        List<Bucket> buckets = new ArrayList<>();
        for (int week = WEEKS; week >= 1; week--) {
            Instant from = start.minusWeeks(week).toInstant();
            buckets.add(new Bucket(from, from.plus(elapsed)));
        }
        buckets.add(new Bucket(start.toInstant(), asOf));
        if (elapsed.isZero()) {
            return Mono.just(new SpendSoFar(start.toInstant(), asOf, BigDecimal.ZERO, List.of(BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO)));
        }
        return usage.totals(rule.tenant(), buckets, rule.filters())
                .map(totals -> {
                    List<BigDecimal> weeks = new ArrayList<>();
                    for (int i = WEEKS - 1; i >= 0; i--) {
                        weeks.add(totals.get(i).costUsd());
                    }
                    return new SpendSoFar(start.toInstant(), asOf, totals.get(WEEKS).costUsd(), weeks);
                });
    }

    Mono<DigestFigures> digest(Rule rule, DigestPeriod period) {
        Bucket current = new Bucket(period.from(), period.to());
        Bucket previous = new Bucket(period.previousFrom(), period.from());
        return Mono.zip(usage.totals(rule.tenant(), List.of(previous, current), rule.filters()),
                costs(rule, current), costs(rule, previous))
                .map(all -> new DigestFigures(all.getT1().get(1), all.getT1().get(0), all.getT2(), all.getT3()));
    }

    private Mono<Map<String, Map<String, BigDecimal>>> costs(Rule rule, Bucket bucket) {
        return Mono.zip(usage.topCost(rule.tenant(), List.of(bucket), rule.filters(), "project", MOVER_CANDIDATES),
                usage.topCost(rule.tenant(), List.of(bucket), rule.filters(), "model", MOVER_CANDIDATES))
                .map(both -> Map.of("project", both.getT1(), "model", both.getT2()));
    }
}
