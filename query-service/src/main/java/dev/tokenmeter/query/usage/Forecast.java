package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.range.Bucket;
import dev.tokenmeter.query.range.BucketUnit;
import dev.tokenmeter.query.range.Buckets;
import dev.tokenmeter.query.range.TimeRange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * This month in a zone: what was used so far, where the month will end at the recent pace, and what
 * the whole of last month came to (to compare the projection with).
 *
 * <p>Method: the daily run-rate is the mean of the last {@value #LOOKBACK_DAYS} complete local
 * days (fewer for a young tenant; the month so far when there are none); the projection is the
 * month to date plus that rate times the days left, fractional for today. The band uses the
 * lowest and highest of those days instead of their mean.
 */
@Component
class Forecast {

    static final int LOOKBACK_DAYS = 14;
    static final String METHOD = "mean daily usage of the last 14 complete days × days left in the month, "
            + "added to the month to date; low/high use the lowest/highest of those days";

    record Amounts(long requests, long totalTokens, BigDecimal costUsd) {
    }

    record Projection(long requests, long totalTokens, BigDecimal costUsd, Amounts low, Amounts high) {
    }

    record View(String tz, String month, String from, String to, String asOf, Amounts monthToDate,
            Projection projectedMonthEnd, Amounts lastMonth, String method) {
    }

    private final UsageQuery query;
    private final Clock clock;

    Forecast(UsageQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    Mono<View> forecast(String tenant, ZoneId zone, Filters filters) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant lastMonthStart = today.withDayOfMonth(1).minusMonths(1).atStartOfDay(zone).toInstant();
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        Instant monthEnd = today.with(TemporalAdjusters.firstDayOfNextMonth()).atStartOfDay(zone).toInstant();
        Instant todayStart = today.atStartOfDay(zone).toInstant();
        TimeRange lookback = new TimeRange(today.minusDays(LOOKBACK_DAYS).atStartOfDay(zone).toInstant(), todayStart, zone);
        List<Bucket> days = Buckets.of(lookback, BucketUnit.DAY, LOOKBACK_DAYS + 1);
        Instant end = now.isAfter(monthStart) ? now : monthStart.plusMillis(1);
        Mono<Totals[]> lastAndThisMonth = query
                .aggregate(tenant, List.of(new Bucket(lastMonthStart, monthStart), new Bucket(monthStart, end)),
                        filters, null, false, false)
                .collectList()
                .map(groups -> UsageService.perBucket(groups, 2));
        Mono<Totals[]> daily = query.aggregate(tenant, days, filters, null, false, false)
                .collectList()
                .map(groups -> UsageService.perBucket(groups, days.size()));
        double daysLeft = Duration.between(now, monthEnd).toSeconds() / 86_400.0;
        double daysSoFar = Math.max(Duration.between(monthStart, now).toSeconds() / 86_400.0, 1e-6);
        return Mono.zip(lastAndThisMonth, daily).map(both -> {
            Totals mtd = both.getT1()[1];
            List<Totals> recent = Arrays.stream(both.getT2()).filter(t -> t.requests() > 0).toList();
            Amounts rate = recent.isEmpty() ? scale(amounts(mtd), 1 / daysSoFar) : mean(recent);
            Amounts low = recent.isEmpty() ? rate : amounts(recent.stream().min(Comparator.comparing(Totals::costUsd)).orElseThrow());
            Amounts high = recent.isEmpty() ? rate : amounts(recent.stream().max(Comparator.comparing(Totals::costUsd)).orElseThrow());
            Amounts soFar = amounts(mtd);
            Amounts projected = plus(soFar, scale(rate, daysLeft));
            return new View(zone.getId(), today.withDayOfMonth(1).toString().substring(0, 7),
                    Views.local(monthStart, zone), Views.local(monthEnd, zone), Views.local(now, zone), soFar,
                    new Projection(projected.requests(), projected.totalTokens(), projected.costUsd(),
                            plus(soFar, scale(low, daysLeft)), plus(soFar, scale(high, daysLeft))),
                    amounts(both.getT1()[0]), METHOD);
        });
    }

    private static Amounts amounts(Totals t) {
        return new Amounts(t.requests(), t.totalTokens(), Views.money(t.costUsd()));
    }

    private static Amounts mean(List<Totals> days) {
        Totals sum = days.stream().reduce(Totals.ZERO, Totals::plus);
        return scale(amounts(sum), 1.0 / days.size());
    }

    private static Amounts scale(Amounts a, double factor) {
        BigDecimal f = BigDecimal.valueOf(factor);
        return new Amounts(Math.round(a.requests() * factor), Math.round(a.totalTokens() * factor),
                a.costUsd().multiply(f).setScale(6, RoundingMode.HALF_EVEN));
    }

    private static Amounts plus(Amounts a, Amounts b) {
        return new Amounts(a.requests() + b.requests(), a.totalTokens() + b.totalTokens(),
                Views.money(a.costUsd().add(b.costUsd()).setScale(6, RoundingMode.HALF_EVEN)));
    }
}
