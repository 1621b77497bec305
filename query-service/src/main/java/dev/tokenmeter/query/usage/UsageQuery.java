package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.QuerySettings;
import dev.tokenmeter.query.range.Bucket;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Aggregates usage rows ({@link UsageSource}) per bucket and, optionally, per group key, in one
 * query: additive totals and the merged latency histogram of each group. The histograms are
 * merged here rather than in SQL: expanding every row's jsonb into (bucket, count) rows and
 * re-grouping them was most of the database time of wide breakdowns, while concatenating their
 * text and adding the counts in Java costs a small part of that.
 */
@Component
class UsageQuery {

    /**
     * One aggregated group. A bucket may come as several groups of the same key, some of them
     * negative (rollup rows taken away, see {@link UsageSource}): callers add up the groups of a
     * bucket and key before reading them.
     *
     * @param bucket index into the requested buckets (0-based)
     * @param key    the group key, null when not grouped or for rows without that dimension
     * @param rank   from {@link #top}: the key's place (1 = first), top + 1 for the folded rest; else 0
     */
    record Group(int bucket, @Nullable String key, Totals totals, int rank) {

        /** A group not ranked. */
        Group(int bucket, @Nullable String key, Totals totals) {
            this(bucket, key, totals, 0);
        }
    }

    /** Distinct counts for the summary card. */
    record Distinct(long models, long endpoints, long apiKeys, long projects) {
    }

    /** One period's distinct counts (index into the periods asked for). */
    private record Counted(int period, Distinct counts) {
    }

    private final DatabaseClient db;
    private final QuerySettings settings;

    UsageQuery(DatabaseClient db, QuerySettings settings) {
        this.db = db;
        this.settings = settings;
    }

    /** Totals per bucket (and per key of {@code grouping}, when given), with their latency histograms. */
    Flux<Group> aggregate(String tenant, List<Bucket> buckets, Filters filters, @Nullable Grouping grouping, boolean rawOnly) {
        return aggregate(tenant, buckets, filters, grouping, rawOnly, true);
    }

    /**
     * Totals per bucket (and per key of {@code grouping}, when given); without {@code histograms}
     * every group's histogram is empty (no percentiles), which spares reading them.
     */
    Flux<Group> aggregate(String tenant, List<Bucket> buckets, Filters filters, @Nullable Grouping grouping, boolean rawOnly,
            boolean histograms) {
        Sql sql = new Sql();
        groups(sql, tenant, buckets, filters, grouping, rawOnly, histograms);
        return sql.on(db).map(UsageQuery::group).all().timeout(settings.queryTimeout());
    }

    /**
     * The groups of the {@code top} keys of {@code grouping} in the order {@code ranking}, each with its
     * {@link Group#rank() rank} (1 = first), and everything else folded into groups of rank
     * {@code top + 1} (key null): ranked and folded in PostgreSQL, so however many distinct keys the
     * range holds, at most top + 1 keys per bucket reach the service.
     *
     * @param ranking an ORDER BY list over the per-key sums {@code key_requests, key_errors,
     *                key_timeouts, key_tokens, key_cost, key_latency_count, key_latency_sum_ms, key_last_seen} and
     *                the key {@code k}; it must order distinct keys strictly
     */
    Flux<Group> top(String tenant, List<Bucket> buckets, Filters filters, Grouping grouping, boolean rawOnly, boolean histograms,
            int top, String ranking) {
        Sql sql = new Sql();
        sql.append("WITH grouped AS (");
        groups(sql, tenant, buckets, filters, grouping, rawOnly, histograms);
        String rest = sql.bind(top + 1);
        String within = " <= " + sql.bind(top);
        sql.append("""
                ),
                per_key AS (
                    SELECT g.*, sum(sign * requests) OVER w AS key_requests, sum(sign * errors) OVER w AS key_errors,
                        sum(sign * timeouts) OVER w AS key_timeouts, sum(sign * (input_tokens + output_tokens)) OVER w AS key_tokens,
                        sum(sign * cost_usd) OVER w AS key_cost, sum(sign * latency_count) OVER w AS key_latency_count,
                        sum(sign * latency_sum_ms) OVER w AS key_latency_sum_ms, max(last_seen) OVER w AS key_last_seen
                    FROM grouped g WINDOW w AS (PARTITION BY k)
                ),
                ranked AS (SELECT p.*, dense_rank() OVER (ORDER BY\s""" + ranking + """
                ) AS rank FROM per_key p)
                SELECT b, CASE WHEN rank""" + within + " THEN k END AS k, sign, least(rank, " + rest + """
                ) AS rank,
                    sum(requests) AS requests, sum(successes) AS successes, sum(errors) AS errors, sum(timeouts) AS timeouts,
                    sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
                    sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens,
                    sum(reasoning_tokens) AS reasoning_tokens, sum(cost_usd) AS cost_usd, sum(unpriced_requests) AS unpriced_requests,
                    sum(latency_count) AS latency_count, sum(latency_sum_ms) AS latency_sum_ms, max(last_seen) AS last_seen,
                    string_agg(histogram, '') AS histogram, string_agg(raw_histogram, ',') AS raw_histogram
                FROM ranked
                GROUP BY b, sign, least(rank,\s""" + rest + "), CASE WHEN rank" + within + " THEN k END");
        return sql.on(db).map(UsageQuery::ranked).all().timeout(settings.queryTimeout());
    }

    /**
     * A key's place in a ranking ({@link #rankKeys}): {@code rank} 1 = first; {@code top + 1} (key null) stands for
     * every key after the first {@code top}, with the latest {@code lastSeen} among them.
     */
    record Ranked(@Nullable String key, int rank, @Nullable Instant lastSeen) {
    }

    /** The per-key sums a ranking may name ({@link #top}'s), each as its aggregate over the usage rows. */
    private static final Map<String, String> KEY_MEASURES = Map.of(
            "key_requests", "sum(sign * requests)",
            "key_errors", "coalesce(sum(sign * requests) FILTER (WHERE status = 'error'), 0)",
            "key_timeouts", "coalesce(sum(sign * requests) FILTER (WHERE status = 'timeout'), 0)",
            "key_tokens", "sum(sign * (input_tokens + output_tokens))",
            "key_cost", "sum(sign * cost_usd)",
            "key_latency_count", "sum(sign * latency_count)",
            "key_latency_sum_ms", "sum(sign * latency_sum_ms)");

    /**
     * Only the ranking of {@link #top} (one bucket): the first {@code top} keys of {@code grouping} in the order
     * {@code ranking}, and one more row (rank {@code top + 1}, key null) when there are further keys, with their
     * latest last-seen time. Each key's rows are summed only for what the ranking names (e.g. the cost alone), not
     * for every figure and histogram, so ranking thousands of keys costs a few aggregates per row; the caller then
     * totals only the shown keys in full.
     */
    Flux<Ranked> rankKeys(String tenant, List<Bucket> whole, Filters filters, Grouping grouping, int top, String ranking) {
        if (whole.size() != 1) {
            throw new IllegalArgumentException("a ranking is over one bucket");
        }
        StringBuilder measures = new StringBuilder();
        // One bucket: every usage row has sign 1 (no day is taken less the rest of it, see UsageSource), so the sums
        // skip the multiplication by the sign, a numeric product per row of thousands of users x days.
        KEY_MEASURES.forEach((name, aggregate) -> {
            if (ranking.contains(name)) {
                measures.append(", ").append(aggregate.replace("sign * ", "")).append(" AS ").append(name);
            }
        });
        Sql sql = new Sql();
        String rest = sql.bind(top + 1);
        String within = " <= " + sql.bind(top);
        sql.append("SELECT CASE WHEN rank" + within + " THEN k END AS k, least(rank, " + rest + ") AS rank,"
                + " max(key_last_seen) AS last_seen FROM (SELECT p.*, dense_rank() OVER (ORDER BY " + ranking + ") AS rank FROM (SELECT "
                + grouping.expression(sql) + " AS k" + measures + ", max(last_seen) AS key_last_seen FROM ");
        UsageSource.append(sql, tenant, whole, filters, grouping, false);
        sql.append(" GROUP BY 1) AS p) AS r GROUP BY 1, 2");
        return sql.on(db)
                .map(row -> {
                    OffsetDateTime lastSeen = row.get("last_seen", OffsetDateTime.class);
                    return new Ranked(row.get("k", String.class), (int) number(row, "rank"),
                            lastSeen == null ? null : lastSeen.toInstant());
                })
                .all()
                .timeout(settings.queryTimeout());
    }

    /** The first {@code limit} distinct non-null keys of {@code grouping} in the range, in code point order. */
    Flux<String> values(String tenant, List<Bucket> whole, Filters filters, Grouping grouping, int limit) {
        Sql sql = new Sql();
        sql.append("SELECT k FROM (SELECT " + grouping.expression(sql) + " AS k FROM ");
        UsageSource.append(sql, tenant, whole, filters, grouping, false);
        sql.append(") AS keys WHERE k IS NOT NULL GROUP BY k ORDER BY k COLLATE \"C\" LIMIT " + sql.bind(limit));
        return sql.on(db).map(row -> row.get("k", String.class)).all().timeout(settings.queryTimeout());
    }

    /**
     * The first {@code limit} distinct tag keys of the raw events in the range under the filters, in
     * code point order: tags live on raw events only (no rollup holds them).
     */
    Flux<String> tagKeys(String tenant, Instant from, Instant to, Filters filters, int limit) {
        Sql sql = new Sql();
        sql.append("SELECT k FROM (SELECT DISTINCT jsonb_object_keys(tags) AS k FROM usage_event WHERE tenant = " + sql.bind(tenant)
                + " AND event_time >= " + sql.bind(from) + " AND event_time < " + sql.bind(to));
        filters.appendTo(sql);
        sql.append(") AS keys ORDER BY k COLLATE \"C\" LIMIT " + sql.bind(limit));
        return sql.on(db).map(row -> row.get("k", String.class)).all().timeout(settings.queryTimeout());
    }

    /** Appends the statement that totals the usage rows per bucket, key and sign (columns as {@link #group} reads them). */
    private static void groups(Sql sql, String tenant, List<Bucket> buckets, Filters filters, @Nullable Grouping grouping,
            boolean rawOnly, boolean histograms) {
        // The boundaries are cast once, in a sub-select: in a generic plan (a prepared statement's
        // sixth run on) a bare $n::timestamptz[] is re-cast from text for every row.
        String bucketExpression = buckets.size() == 1
                ? "0"
                : "coalesce(bucket, width_bucket(ts, (SELECT "
                        + sql.bind(buckets.stream().skip(1).map(b -> b.start().toString()).toArray(String[]::new)) + "::timestamptz[])))";
        String keyExpression = grouping == null ? "NULL::text" : grouping.expression(sql);
        sql.append("WITH usage_grouped AS NOT MATERIALIZED (SELECT " + bucketExpression + " AS b, " + keyExpression
                + " AS k, usage_rows.* FROM ");
        UsageSource.append(sql, tenant, buckets, filters, grouping, rawOnly);
        sql.append("""
                ),
                totals AS (
                SELECT b, k, sign, sum(requests) AS requests,
                    coalesce(sum(requests) FILTER (WHERE status = 'success'), 0) AS successes,
                    coalesce(sum(requests) FILTER (WHERE status = 'error'), 0) AS errors,
                    coalesce(sum(requests) FILTER (WHERE status = 'timeout'), 0) AS timeouts,
                    sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
                    sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens,
                    sum(reasoning_tokens) AS reasoning_tokens, sum(cost_usd) AS cost_usd,
                    sum(unpriced_requests) AS unpriced_requests, sum(latency_count) AS latency_count,
                    sum(latency_sum_ms) AS latency_sum_ms, max(last_seen) AS last_seen,
                """);
        if (!histograms) {
            sql.append(
                    "NULL::text AS histogram FROM usage_grouped GROUP BY b, k, sign) SELECT t.*, NULL::text AS raw_histogram FROM totals t");
        } else {
            // Rollup rows: their jsonb as text, concatenated. Raw events: counted per latency bucket
            // here (PostgreSQL drops the rollup branches from this scan: their latency_bucket is null).
            // The join matches keys with plain equalities (a null key as its own value), which PostgreSQL
            // can hash or merge: with IS NOT DISTINCT FROM it compared every group of a bucket with every
            // other (59 days × 2 000 tag values: 78 s against 3 s, measured on PostgreSQL 15).
            sql.append("""
                    string_agg(latency_hist::text, '') AS histogram
                    FROM usage_grouped GROUP BY b, k, sign
                    ),
                    raw_histograms AS (
                        SELECT b, k, string_agg(latency_bucket || ':' || n, ',') AS raw_histogram
                        FROM (SELECT b, k, latency_bucket, count(*) AS n FROM usage_grouped
                              WHERE latency_bucket IS NOT NULL GROUP BY b, k, latency_bucket) per_bucket
                        GROUP BY b, k
                    )
                    SELECT t.*, r.raw_histogram FROM totals t
                    LEFT JOIN raw_histograms r ON r.b = t.b AND coalesce(r.k, '') = coalesce(t.k, '')
                        AND (r.k IS NULL) = (t.k IS NULL) AND t.sign = 1""");
        }
    }

    /**
     * How many distinct non-null models, endpoints, API keys and projects the usage rows of each period
     * hold (each from the narrowest rollup that has it: the same rows {@link #aggregate} would group by
     * it), in the periods' order. Back-to-back periods whose inner boundaries fall on 15-minute marks
     * (the summary's range and the one before it) are counted in one statement that reads the rows of
     * both once and counts per period; otherwise one statement per period.
     */
    Mono<List<Distinct>> distinct(String tenant, List<Bucket> periods, Filters filters) {
        if (periods.size() == 1 || !UsageSource.aligned(periods)) {
            return Flux.fromIterable(periods)
                    .concatMap(period -> distinctPerPeriod(tenant, List.of(period), filters).map(counts -> counts.get(0)))
                    .collectList();
        }
        return distinctPerPeriod(tenant, periods, filters);
    }

    private Mono<List<Distinct>> distinctPerPeriod(String tenant, List<Bucket> periods, Filters filters) {
        Sql sql = new Sql();
        Dimension[] counted = {Dimension.MODEL, Dimension.ENDPOINT, Dimension.API_KEY, Dimension.PROJECT};
        sql.append("SELECT b");
        for (int i = 0; i < counted.length; i++) {
            sql.append(", count(*) FILTER (WHERE d = " + i + ") AS n" + i);
        }
        sql.append(" FROM (");
        for (int i = 0; i < counted.length; i++) {
            Dimension dimension = counted[i];
            // SELECT DISTINCT hashes the values; count(DISTINCT) sorts them, about 2.5 times slower
            // over the daily rollup of 200 API keys.
            String bucket = periods.size() == 1
                    ? "0"
                    : "coalesce(bucket, width_bucket(ts, (SELECT "
                            + sql.bind(periods.stream().skip(1).map(p -> p.start().toString()).toArray(String[]::new))
                            + "::timestamptz[])))";
            sql.append((i == 0 ? "" : " UNION ALL ") + "SELECT DISTINCT " + i + " AS d, " + bucket + " AS b, " + dimension.column()
                    + " AS v FROM ");
            UsageSource.append(sql, tenant, periods, filters, new Grouping(dimension, null), false, false);
            sql.append(" WHERE " + dimension.column() + " IS NOT NULL");
        }
        sql.append(") AS distinct_values GROUP BY b");
        return sql.on(db)
                .map(row -> new Counted((int) number(row, "b"),
                        new Distinct(number(row, "n0"), number(row, "n1"), number(row, "n2"), number(row, "n3"))))
                .all()
                .timeout(settings.queryTimeout())
                .collectList()
                .map(rows -> {
                    List<Distinct> perPeriod = new ArrayList<>(Collections.nCopies(periods.size(), new Distinct(0, 0, 0, 0)));
                    rows.forEach(row -> perPeriod.set(row.period(), row.counts()));
                    return perPeriod;
                });
    }

    /** How many requests the usage rows of the range hold: what {@code count(*)} over raw events answers. */
    Mono<Long> requests(String tenant, List<Bucket> whole, Filters filters) {
        Sql sql = new Sql();
        sql.append("SELECT coalesce(sum(requests), 0) AS n FROM ");
        UsageSource.append(sql, tenant, whole, filters, null, false);
        return sql.on(db).map(row -> number(row, "n")).one().timeout(settings.queryTimeout());
    }

    private static Group ranked(Readable row) {
        Group group = group(row);
        return new Group(group.bucket(), group.key(), group.totals(), (int) number(row, "rank"));
    }

    private static Group group(Readable row) {
        long[] counts = new long[Histograms.BUCKETS];
        for (String column : new String[] {"histogram", "raw_histogram"}) {
            String text = row.get(column, String.class);
            if (text != null) {
                counts = Histograms.addAll(text, counts);
            }
        }
        Map<Integer, Long> histogram = Histograms.toMap(counts);
        OffsetDateTime lastSeen = row.get("last_seen", OffsetDateTime.class);
        BigDecimal cost = row.get("cost_usd", BigDecimal.class);
        Totals totals = new Totals(number(row, "requests"), number(row, "successes"), number(row, "errors"), number(row, "timeouts"),
                number(row, "input_tokens"), number(row, "cached_input_tokens"), number(row, "cache_write_tokens"),
                number(row, "output_tokens"), number(row, "reasoning_tokens"), cost == null ? BigDecimal.ZERO : cost,
                number(row, "unpriced_requests"), number(row, "latency_count"), number(row, "latency_sum_ms"),
                histogram, lastSeen == null ? null : lastSeen.toInstant());
        Number bucket = row.get("b", Number.class);
        Number sign = row.get("sign", Number.class);
        return new Group(bucket == null ? 0 : bucket.intValue(), row.get("k", String.class),
                sign != null && sign.intValue() < 0 ? totals.negated() : totals);
    }

    private static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
