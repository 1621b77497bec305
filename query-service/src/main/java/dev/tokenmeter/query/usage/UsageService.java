package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.QuerySettings;
import dev.tokenmeter.query.range.Bucket;
import dev.tokenmeter.query.range.BucketUnit;
import dev.tokenmeter.query.range.Buckets;
import dev.tokenmeter.query.range.TimeRange;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Summary, timeline, breakdown and picker values, answered from the rollups wherever exact. */
@Service
public class UsageService {

    private final UsageQuery query;
    private final QuerySettings settings;

    UsageService(UsageQuery query, QuerySettings settings) {
        this.query = query;
        this.settings = settings;
    }

    /**
     * The summary of the range, with the same for the period of equal length just before it: the
     * totals of both in one statement (two adjacent buckets), the distinct counts of each in another.
     */
    Mono<Views.Summary> summary(String tenant, TimeRange range, Filters filters) {
        TimeRange previous = range.previous();
        Mono<Totals[]> totals = query.aggregate(tenant, List.of(new Bucket(previous.from(), range.from()), new Bucket(range.from(), range.to())),
                        filters, null, false, true)
                .collectList()
                .map(groups -> perBucket(groups, 2));
        return Mono.zip(totals, query.distinct(tenant, whole(range), filters), query.distinct(tenant, whole(previous), filters))
                .map(all -> Views.Summary.of(all.getT1()[1], all.getT2(), Views.Summary.of(all.getT1()[0], all.getT3(), null)));
    }

    /**
     * Today, this week, this month and all time in the zone, each up to the end of today, from one
     * statement: the range is cut at each period's start, and each period sums the pieces from its start.
     */
    Mono<Views.Periods> periods(String tenant, ZoneId zone, LocalDate today, Instant allFrom, Filters filters) {
        Instant todayStart = today.atStartOfDay(zone).toInstant();
        Instant weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        Instant tomorrow = today.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> cuts = new ArrayList<>(new TreeSet<>(List.of(allFrom, monthStart, weekStart, todayStart, tomorrow)));
        List<Bucket> pieces = new ArrayList<>();
        for (int i = 1; i < cuts.size(); i++) {
            pieces.add(new Bucket(cuts.get(i - 1), cuts.get(i)));
        }
        return query.aggregate(tenant, pieces, filters, null, false, false)
                .collectList()
                .map(groups -> {
                    Totals[] perPiece = perBucket(groups, pieces.size());
                    return new Views.Periods(zone.getId(), since(todayStart, pieces, perPiece), since(weekStart, pieces, perPiece),
                            since(monthStart, pieces, perPiece), since(allFrom, pieces, perPiece));
                });
    }

    private static Views.PeriodTotals since(Instant start, List<Bucket> pieces, Totals[] perPiece) {
        Totals sum = Totals.ZERO;
        for (int i = 0; i < pieces.size(); i++) {
            if (!pieces.get(i).start().isBefore(start)) {
                sum = sum.plus(perPiece[i]);
            }
        }
        return Views.PeriodTotals.of(sum);
    }

    /** The totals of each of {@code buckets} buckets: zero where no group fell. */
    static Totals[] perBucket(List<UsageQuery.Group> groups, int buckets) {
        Totals[] totals = zeros(buckets);
        groups.forEach(g -> totals[g.bucket()] = totals[g.bucket()].plus(g.totals()));
        return totals;
    }

    /**
     * How many events of the tenant match the range and filters, summed from the rollups (raw events
     * only for the range's unaligned edges), or empty when a filter is not in the rollups.
     */
    public Mono<Long> requests(String tenant, TimeRange range, Filters filters) {
        return filters.inRollups() ? query.requests(tenant, whole(range), filters) : Mono.empty();
    }

    /**
     * The additive totals of the usage in {@code whole} (typically one bucket) under the filters, for
     * the tenant: all zero when there is none. Without the latency histogram (no percentiles).
     */
    public Mono<Totals> total(String tenant, List<Bucket> whole, Filters filters) {
        return query.aggregate(tenant, whole, filters, null, false, false)
                .reduce(Totals.ZERO, (sum, group) -> sum.plus(group.totals()));
    }

    Mono<Views.Timeline> timeline(String tenant, TimeRange range, BucketUnit unit, Filters filters,
                                  @Nullable Grouping groupBy, int top) {
        List<Bucket> buckets = Buckets.of(range, unit, settings.maxBuckets());
        return query.aggregate(tenant, buckets, filters, groupBy, unit == BucketUnit.MINUTE)
                .collectList()
                .map(groups -> {
                    Totals[] perBucket = perBucket(groups, buckets.size());
                    List<Views.Series> series = groupBy == null ? null : series(groups, buckets, range, top);
                    return new Views.Timeline(unit.name().toLowerCase(Locale.ROOT), range.zone().getId(),
                            Views.local(range.from(), range.zone()), Views.local(range.to(), range.zone()),
                            points(perBucket, buckets, range), series);
                });
    }

    /** One series per top key (ranked by cost, then requests), the rest folded into "other". */
    private static List<Views.Series> series(List<UsageQuery.Group> groups, List<Bucket> buckets, TimeRange range, int top) {
        Map<String, Totals> perKey = new HashMap<>();
        groups.forEach(g -> perKey.merge(String.valueOf(g.key()), g.totals(), Totals::plus));
        List<String> ranked = perKey.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Totals>, BigDecimal>comparing(e -> e.getValue().costUsd()).reversed()
                        .thenComparing(e -> -e.getValue().requests())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .toList();
        Set<String> topKeys = new LinkedHashSet<>(ranked.subList(0, Math.min(top, ranked.size())));
        Map<String, Totals[]> points = new HashMap<>();
        Totals[] other = zeros(buckets.size());
        for (UsageQuery.Group g : groups) {
            String key = String.valueOf(g.key());
            Totals[] target = topKeys.contains(key) ? points.computeIfAbsent(key, k -> zeros(buckets.size())) : other;
            target[g.bucket()] = target[g.bucket()].plus(g.totals());
        }
        List<Views.Series> series = new ArrayList<>();
        for (String key : topKeys) {
            series.add(new Views.Series(key.equals("null") ? null : key, false, points(points.get(key), buckets, range)));
        }
        if (ranked.size() > top) {
            series.add(new Views.Series("other", true, points(other, buckets, range)));
        }
        return series;
    }

    /**
     * Rows ranked by {@code sort}, the rest folded into "other", and the total. From a one-dimension
     * rollup the groups are first totalled without latency histograms; only the shown rows and the
     * total then read theirs (the "other" row's is the total's minus the shown rows'): a wide
     * breakdown (every API key) would otherwise merge the histograms of every key and day to show a
     * few. Otherwise (raw events, or the all-dimension rollup under a filter, where scanning the table
     * costs more than the few matching rows' histograms) one query reads everything. Without
     * {@code percentiles} no histogram is read at all, and every p95 is null.
     */
    Mono<Views.Breakdown> breakdown(String tenant, TimeRange range, Filters filters, Grouping by, String byParam,
                                    BreakdownSort sort, int limit, boolean percentiles) {
        boolean twoPasses = percentiles && filters.inRollups() && by.inRollups() && UsageSource.narrowest(filters, by) != null;
        return query.aggregate(tenant, whole(range), filters, by, false, percentiles && !twoPasses)
                .collectList()
                .map(groups -> groups.stream().sorted(sort.order()).toList())
                .flatMap(sorted -> twoPasses && !sorted.isEmpty()
                        ? withHistograms(tenant, range, filters, by, sorted, limit)
                        : Mono.just(new Ranked(sorted, Totals.sum(sorted.stream().map(UsageQuery.Group::totals)), null)))
                .map(ranked -> breakdown(ranked, byParam, sort, limit));
    }

    /** Groups in order, their total, and when the groups lack histograms, the histogram of what is not shown. */
    private record Ranked(List<UsageQuery.Group> sorted, Totals total, @Nullable Map<Integer, Long> otherHistogram) {
    }

    private Mono<Ranked> withHistograms(String tenant, TimeRange range, Filters filters, Grouping by,
                                        List<UsageQuery.Group> sorted, int limit) {
        List<UsageQuery.Group> shown = sorted.subList(0, Math.min(limit, sorted.size()));
        List<String> keys = shown.stream().map(UsageQuery.Group::key).filter(Objects::nonNull).toList();
        Filters onlyShown = filters;
        if (keys.size() == shown.size() && sorted.size() > limit) {
            Map<Dimension, List<String>> dimensions = new EnumMap<>(Dimension.class);
            dimensions.putAll(filters.dimensions());
            dimensions.put(Objects.requireNonNull(by.dimension()), keys);
            onlyShown = new Filters(dimensions, filters.tags());
        }
        Mono<Map<@Nullable String, Map<Integer, Long>>> perKey = query.aggregate(tenant, whole(range), onlyShown, by, false, true)
                .collect(HashMap::new, (map, g) -> map.put(g.key(), g.totals().latencyHistogram()));
        Mono<Map<Integer, Long>> ofTotal = sorted.size() <= limit
                ? Mono.just(Map.of())
                : query.aggregate(tenant, whole(range), filters, null, false, true)
                        .reduce(Totals.ZERO, (sum, g) -> sum.plus(g.totals()))
                        .map(Totals::latencyHistogram);
        return Mono.zip(perKey, ofTotal).map(both -> {
            List<UsageQuery.Group> withHistograms = new ArrayList<>(sorted.size());
            Map<Integer, Long> other = new HashMap<>(both.getT2());
            for (int i = 0; i < sorted.size(); i++) {
                UsageQuery.Group g = sorted.get(i);
                Map<Integer, Long> histogram = i < shown.size() ? both.getT1().getOrDefault(g.key(), Map.of()) : Map.of();
                histogram.forEach((bucket, n) -> other.merge(bucket, -n, Long::sum));
                withHistograms.add(new UsageQuery.Group(g.bucket(), g.key(), g.totals().withHistogram(histogram)));
            }
            other.values().removeIf(n -> n == 0);
            Totals total = Totals.sum(withHistograms.stream().map(UsageQuery.Group::totals));
            return sorted.size() <= limit
                    ? new Ranked(withHistograms, total, null)
                    : new Ranked(withHistograms, total.withHistogram(both.getT2()), other);
        });
    }

    private static Views.Breakdown breakdown(Ranked ranked, String byParam, BreakdownSort sort, int limit) {
        List<UsageQuery.Group> sorted = ranked.sorted();
        Totals total = ranked.total();
        List<Views.Row> rows = sorted.stream().limit(limit)
                .map(g -> Views.Row.of(g.key(), g.totals(), sort.share(g.totals(), total)))
                .toList();
        Views.Row other = null;
        if (sorted.size() > limit) {
            Totals rest = Totals.sum(sorted.subList(limit, sorted.size()).stream().map(UsageQuery.Group::totals));
            if (ranked.otherHistogram() != null) {
                rest = rest.withHistogram(ranked.otherHistogram());
            }
            other = Views.Row.of("other", rest, sort.share(rest, total));
        }
        return new Views.Breakdown(byParam, sort.param(), rows, other, Views.Row.of(null, total, total.requests() == 0 ? 0 : 1));
    }

    Mono<Views.Values> values(String tenant, TimeRange range, Filters filters, Grouping dimension, String name, int limit) {
        return query.aggregate(tenant, whole(range), filters, dimension, false, false)
                .mapNotNull(UsageQuery.Group::key)
                .collect(TreeSet<String>::new, Set::add)
                .map(values -> new Views.Values(name, values.stream().limit(limit).toList()));
    }

    private static Totals[] zeros(int n) {
        Totals[] totals = new Totals[n];
        Arrays.fill(totals, Totals.ZERO);
        return totals;
    }

    private static List<Views.Point> points(Totals[] totals, List<Bucket> buckets, TimeRange range) {
        List<Views.Point> points = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            points.add(Views.Point.of(buckets.get(i).start(), buckets.get(i).end(), range.zone(), totals[i]));
        }
        return points;
    }

    static List<Bucket> whole(TimeRange range) {
        return List.of(new Bucket(range.from(), range.to()));
    }
}
