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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Summary, timeline, breakdown and picker values, answered from the rollups wherever exact. */
@Service
public record UsageService(UsageQuery query, QuerySettings settings, ResponseLimits limits, UnitTotals units) {

    /** Timeline series order: cost, then requests (both descending), then key (a missing key as "null"). */
    static final String SERIES_RANKING = "key_cost DESC, key_requests DESC, coalesce(k, 'null') COLLATE \"C\", k IS NULL";

    /**
     * The summary of the range, with the same for the period of equal length just before it: the
     * totals of both in one statement (two adjacent buckets), the distinct counts of both in another.
     */
    Mono<Views.Summary> summary(String tenant, TimeRange range, Filters filters) {
        TimeRange previous = range.previous();
        List<Bucket> both = List.of(new Bucket(previous.from(), range.from()), new Bucket(range.from(), range.to()));
        Mono<Totals[]> totals = query
                .aggregate(tenant, both, filters, null, false, true)
                .collectList()
                .map(groups -> perBucket(groups, 2));
        return Mono.zip(totals, query.distinct(tenant, both, filters),
                units.total(tenant, range.from(), range.to(), filters), units.total(tenant, previous.from(), previous.to(), filters))
                .map(all -> Views.Summary.of(all.getT1()[1], all.getT2().get(1),
                        Views.Summary.of(all.getT1()[0], all.getT2().get(0), null, all.getT4()), all.getT3()));
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

    /** The additive totals of each bucket under the filters, in the buckets' order, in one query. */
    public Mono<List<Totals>> totals(String tenant, List<Bucket> buckets, Filters filters) {
        return bucketTotals(tenant, buckets, filters, false);
    }

    /**
     * The {@code n} keys of a dimension ({@code project}, {@code model}, {@code apiKey}, ...) with the
     * highest cost in {@code whole} under the filters, in that order, each with its cost; an absent key
     * is {@code "(none)"}. What alerts show as "what drove it".
     */
    public Mono<Map<String, BigDecimal>> topCost(String tenant, List<Bucket> whole, Filters filters, String dimension, int n) {
        return query.top(tenant, whole, filters, Grouping.parse("by", dimension), false, false, n, BreakdownSort.COST.ranking())
                .collectList()
                .map(groups -> ranked(groups, n))
                .map(ranked -> {
                    Map<String, BigDecimal> top = new java.util.LinkedHashMap<>();
                    ranked.shown().forEach(g -> top.put(g.key() == null ? "(none)" : g.key(), g.totals().costUsd()));
                    return top;
                });
    }

    /**
     * Every bucket of the range, and with {@code groupBy} one series per top key (ranked by cost, then
     * requests, then key) plus "other": ranked and folded in SQL, so only the top keys reach the
     * service. With {@code comparePrevious}, also the totals of the period of equal length just before,
     * bucketed the same way (a second statement, run beside the first): what a chart's previous-period
     * line needs, without a second request that could only be sent once this answer had come. Refused
     * before any query when buckets × series exceed {@link ResponseLimits#maxPoints}.
     */
    Mono<Views.Timeline> timeline(String tenant, TimeRange range, BucketUnit unit, Filters filters,
            @Nullable Grouping groupBy, int top, boolean comparePrevious) {
        List<Bucket> buckets = Buckets.of(range, unit, settings.maxBuckets());
        TimeRange before = range.previous();
        List<Bucket> previousBuckets = comparePrevious ? Buckets.of(before, unit, settings.maxBuckets()) : List.of();
        limits.checkTimeline(Math.max(buckets.size(), previousBuckets.size()), groupBy != null, top, comparePrevious);
        boolean rawOnly = unit == BucketUnit.MINUTE;
        Flux<UsageQuery.Group> groups = groupBy == null
                ? query.aggregate(tenant, buckets, filters, null, rawOnly)
                : query.top(tenant, buckets, filters, groupBy, rawOnly, true, top, SERIES_RANKING);
        Mono<Optional<Views.PreviousPeriod>> previous = comparePrevious
                ? query.aggregate(tenant, previousBuckets, filters, null, rawOnly)
                        .collectList()
                        .map(all -> Optional.of(new Views.PreviousPeriod(Views.local(before.from(), range.zone()),
                                Views.local(before.to(), range.zone()),
                                points(perBucket(all, previousBuckets.size()), previousBuckets, before))))
                : Mono.just(Optional.empty());
        return groups
                .collectList()
                .zipWith(previous)
                .map(both -> {
                    List<UsageQuery.Group> all = both.getT1();
                    Totals[] perBucket = perBucket(all, buckets.size());
                    List<Views.Series> series = groupBy == null ? null : series(all, buckets, range, top);
                    return new Views.Timeline(unit.name().toLowerCase(Locale.ROOT), range.zone().getId(),
                            Views.local(range.from(), range.zone()), Views.local(range.to(), range.zone()),
                            points(perBucket, buckets, range), series, both.getT2().orElse(null));
                });
    }

    /** One series per ranked key, in rank order, then "other" when keys were folded into it. */
    private static List<Views.Series> series(List<UsageQuery.Group> groups, List<Bucket> buckets, TimeRange range, int top) {
        Map<Integer, Totals[]> perRank = new TreeMap<>();
        Map<Integer, @Nullable String> keys = new HashMap<>();
        for (UsageQuery.Group g : groups) {
            Totals[] target = perRank.computeIfAbsent(g.rank(), rank -> zeros(buckets.size()));
            target[g.bucket()] = target[g.bucket()].plus(g.totals());
            keys.put(g.rank(), g.key());
        }
        List<Views.Series> series = new ArrayList<>();
        perRank.forEach((rank, totals) -> series.add(new Views.Series(rank > top ? "other" : keys.get(rank), rank > top,
                points(totals, buckets, range))));
        return series;
    }

    /**
     * Rows ranked by {@code sort} (in SQL: only the shown rows and the folded rest reach the service),
     * the rest as "other", and the total. From a one-dimension rollup the rows are first ranked
     * without latency histograms; only the shown rows and the total then read theirs (the "other"
     * row's is the total's minus the shown rows'): a wide breakdown (every API key) would otherwise
     * merge the histograms of every key and day to show a few. Otherwise (raw events, or the
     * all-dimension rollup under a filter, where scanning the table costs more than the few matching
     * rows' histograms) one query reads everything. Without {@code percentiles} no histogram is read
     * at all, and every p95 is null.
     */
    Mono<Views.Breakdown> breakdown(String tenant, TimeRange range, Filters filters, Grouping by, String byParam,
            BreakdownSort sort, int limit, boolean percentiles) {
        limits.checkBreakdownRows(limit);
        if (UsageSource.byUser(filters, by)) {
            return byUser(tenant, range, filters, by, sort, limit, percentiles)
                    .zipWith(units.perKey(tenant, range.from(), range.to(), filters, by))
                    .map(both -> breakdown(both.getT1(), byParam, sort, both.getT2()));
        }
        boolean twoPasses = percentiles && filters.inRollups() && by.inRollups() && UsageSource.narrowest(filters, by) != null;
        return query.top(tenant, whole(range), filters, by, false, percentiles && !twoPasses, limit, sort.ranking())
                .collectList()
                .map(groups -> ranked(groups, limit))
                .flatMap(ranked -> twoPasses && !ranked.shown().isEmpty()
                        ? withHistograms(tenant, range, filters, by, sort, ranked, limit)
                        : Mono.just(ranked))
                .zipWith(units.perKey(tenant, range.from(), range.to(), filters, by))
                .map(both -> breakdown(both.getT1(), byParam, sort, both.getT2()));
    }

    /**
     * A breakdown by user (read from the daily rows by user, {@link UsageSource#byUser}) in three statements: the
     * ranking alone ({@link UsageQuery#rankKeys}: per user only the sums the order names, e.g. the cost — thousands
     * of users × days of rows, a few aggregates each), every figure (and histogram) of the shown users only, and the
     * total of the range (from the tenant's total rows, not per user). The folded rest is the total less the shown
     * users, with the latest last-seen time of the users it holds from the ranking: the same figures as summing the
     * rest's rows, without reading every user's rows in full.
     */
    private Mono<Ranked> byUser(String tenant, TimeRange range, Filters filters, Grouping by, BreakdownSort sort, int limit,
            boolean percentiles) {
        return query.rankKeys(tenant, whole(range), filters, by, limit, sort.ranking())
                .collectList()
                .flatMap(ranking -> {
                    List<String> keys = ranking.stream().filter(r -> r.rank() <= limit)
                            .map(r -> r.key() == null ? "" : r.key()).toList();
                    if (keys.isEmpty()) {
                        return Mono.just(new Ranked(List.of(), null, Totals.ZERO));
                    }
                    UsageQuery.Ranked rest = ranking.stream().filter(r -> r.rank() > limit).findFirst().orElse(null);
                    Map<Dimension, List<String>> dimensions = new EnumMap<>(Dimension.class);
                    dimensions.putAll(filters.dimensions());
                    dimensions.put(Objects.requireNonNull(by.dimension()), keys);
                    Mono<Ranked> shown = query.top(tenant, whole(range), new Filters(dimensions, filters.tags()), by, false, percentiles,
                            limit, sort.ranking())
                            .collectList()
                            .map(groups -> ranked(groups, limit));
                    if (rest == null) {
                        return shown;
                    }
                    Mono<Totals> total = query.aggregate(tenant, whole(range), filters, null, false, percentiles)
                            .reduce(Totals.ZERO, (sum, g) -> sum.plus(g.totals()));
                    return Mono.zip(shown, total).map(both -> {
                        Totals other = both.getT2().less(both.getT1().total(), rest.lastSeen());
                        return new Ranked(both.getT1().shown(), other, both.getT2());
                    });
                });
    }

    /** The shown rows in order, the folded rest (null when nothing was left out) and the total of both. */
    private record Ranked(List<UsageQuery.Group> shown, @Nullable Totals other, Totals total) {
    }

    private static Ranked ranked(List<UsageQuery.Group> groups, int limit) {
        Map<Integer, UsageQuery.Group> byRank = new TreeMap<>();
        groups.forEach(g -> byRank.merge(g.rank(), g, (a, b) -> new UsageQuery.Group(0, a.key(), a.totals().plus(b.totals()), a.rank())));
        List<UsageQuery.Group> shown = byRank.values().stream().filter(g -> g.rank() <= limit).toList();
        UsageQuery.Group other = byRank.get(limit + 1);
        Totals total = Totals.sum(byRank.values().stream().map(UsageQuery.Group::totals));
        return new Ranked(shown, other == null ? null : other.totals(), total);
    }

    private Mono<Ranked> withHistograms(String tenant, TimeRange range, Filters filters, Grouping by, BreakdownSort sort,
            Ranked ranked, int limit) {
        List<UsageQuery.Group> shown = ranked.shown();
        // The row without a key (e.g. events without a user) as the filter value "" (IS NULL), so that even then only
        // the shown keys' rows merge their histograms.
        List<String> keys = shown.stream().map(g -> g.key() == null ? "" : g.key()).toList();
        Filters onlyShown = filters;
        if (ranked.other() != null) {
            Map<Dimension, List<String>> dimensions = new EnumMap<>(Dimension.class);
            dimensions.putAll(filters.dimensions());
            dimensions.put(Objects.requireNonNull(by.dimension()), keys);
            onlyShown = new Filters(dimensions, filters.tags());
        }
        Mono<Map<@Nullable String, Map<Integer, Long>>> perKey = query
                .top(tenant, whole(range), onlyShown, by, false, true, limit, sort.ranking())
                .filter(g -> g.rank() <= limit)
                .collect(HashMap::new, (map, g) -> map.put(g.key(), g.totals().latencyHistogram()));
        Mono<Map<Integer, Long>> ofTotal = ranked.other() == null
                ? Mono.just(Map.of())
                : query.aggregate(tenant, whole(range), filters, null, false, true)
                        .reduce(Totals.ZERO, (sum, g) -> sum.plus(g.totals()))
                        .map(Totals::latencyHistogram);
        return Mono.zip(perKey, ofTotal).map(both -> {
            List<UsageQuery.Group> withHistograms = new ArrayList<>(shown.size());
            Map<Integer, Long> other = new HashMap<>(both.getT2());
            for (UsageQuery.Group g : shown) {
                Map<Integer, Long> histogram = both.getT1().getOrDefault(g.key(), Map.of());
                histogram.forEach((bucket, n) -> other.merge(bucket, -n, Long::sum));
                withHistograms.add(new UsageQuery.Group(g.bucket(), g.key(), g.totals().withHistogram(histogram), g.rank()));
            }
            other.values().removeIf(n -> n == 0);
            Totals shownTotal = Totals.sum(withHistograms.stream().map(UsageQuery.Group::totals));
            if (ranked.other() == null) {
                return new Ranked(withHistograms, null, shownTotal);
            }
            Totals rest = ranked.other().withHistogram(other);
            return new Ranked(withHistograms, rest, shownTotal.plus(rest).withHistogram(both.getT2()));
        });
    }

    /** The rows with their units totals (API.md §4); "other" holds the units of every key not shown. */
    private static Views.Breakdown breakdown(Ranked ranked, String byParam, BreakdownSort sort,
            Map<String, Map<String, UnitTotals.UnitTotal>> unitsPerKey) {
        Totals total = ranked.total();
        Map<String, UnitTotals.UnitTotal> allUnits = new TreeMap<>();
        unitsPerKey.values().forEach(units -> units.forEach((unit, t) -> allUnits.merge(unit, t, UnitTotals.UnitTotal::plus)));
        Map<String, UnitTotals.UnitTotal> otherUnits = new TreeMap<>(allUnits);
        List<Views.Row> rows = ranked.shown().stream()
                .map(g -> {
                    Map<String, UnitTotals.UnitTotal> own = unitsPerKey.get(g.key() == null ? "" : g.key());
                    if (own != null) {
                        own.forEach((unit, t) -> otherUnits.merge(unit, t, UnitTotals.UnitTotal::minus));
                    }
                    return Views.Row.of(g.key(), g.totals(), sort.share(g.totals(), total), own);
                })
                .toList();
        Views.Row other = ranked.other() == null
                ? null
                : Views.Row.of("other", ranked.other(), sort.share(ranked.other(), total), otherUnits);
        return new Views.Breakdown(byParam, sort.param(), rows, other,
                Views.Row.of(null, total, total.requests() == 0 ? 0 : 1, allUnits));
    }

    /** The first {@code limit} distinct values in code point order, limited in SQL. */
    Mono<Views.Values> values(String tenant, TimeRange range, Filters filters, Grouping dimension, String name, int limit) {
        limits.checkValues(limit);
        return query.values(tenant, whole(range), filters, dimension, limit)
                .collectList()
                .map(values -> new Views.Values(name, values));
    }

    /** The tag keys seen in the range (raw events), for the tag breakdown's key picker. */
    Mono<Views.TagKeys> tagKeys(String tenant, TimeRange range, Filters filters, int limit) {
        limits.checkValues(limit);
        return query.tagKeys(tenant, range.from(), range.to(), filters, limit)
                .collectList()
                .map(Views.TagKeys::new);
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

    /**
     * The totals of each bucket under the filters, in the buckets' order, with their latency histograms
     * (so percentiles can be taken), in one query; zero where no usage fell. What usage rules measure.
     */
    public Mono<List<Totals>> totalsWithLatency(String tenant, List<Bucket> buckets, Filters filters) {
        return bucketTotals(tenant, buckets, filters, true);
    }

    private Mono<List<Totals>> bucketTotals(String tenant, List<Bucket> buckets, Filters filters, boolean latency) {
        if (buckets.isEmpty()) {
            return Mono.just(List.of());
        }
        return query.aggregate(tenant, buckets, filters, null, false, latency)
                .collectList()
                .map(groups -> Arrays.asList(perBucket(groups, buckets.size())));
    }

}
