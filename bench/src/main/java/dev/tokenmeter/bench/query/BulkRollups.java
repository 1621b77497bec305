package dev.tokenmeter.bench.query;

import dev.tokenmeter.bench.BenchStack;
import dev.tokenmeter.bench.Say;
import dev.tokenmeter.bench.report.Format;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds every rollup table (token and units) from the raw events with set-based SQL that yields exactly the rows
 * of the schema's {@code rebuild_usage_rollups(from, to)} — same keys, sums, latency histograms
 * and last-seen times — but without its per-row jsonb merges ({@code latency_hist_sum}), which
 * cost it about 10 minutes per million events on this machine. The histograms are summed as
 * (bucket, count) pairs and turned into jsonb once per row. {@link #verify} checks the claim on
 * one day of every run by rebuilding that day with the schema's function and comparing (the daily rows by
 * user of V25 and the daily units rows by user of V28 included).
 */
final class BulkRollups {

    private static final String SUMS = """
            sum(requests) AS requests, sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
            sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens, sum(reasoning_tokens) AS reasoning_tokens,
            sum(cost_usd) AS cost_usd, sum(unpriced_requests) AS unpriced_requests, sum(latency_count) AS latency_count,
            sum(latency_sum_ms) AS latency_sum_ms""";
    /** The histogram of a group from its per-latency-bucket rows: what latency_hist_sum would merge. */
    private static final String HISTOGRAM = "coalesce(jsonb_object_agg(latency_bucket::text, latency_count)"
            + " FILTER (WHERE latency_bucket IS NOT NULL), '{}'::jsonb)";
    private static final String METRICS = "requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, "
            + "reasoning_tokens, cost_usd, unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen";
    private static final String FULL_KEYS = "tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier";
    private static final String UNIT_FULL_KEYS = FULL_KEYS + ", unit";
    private static final String UNIT_DIM_KEYS = "tenant, bucket_start, dim, value, status, unit";
    private static final String UNIT_SUMS = "sum(quantity) AS quantity, sum(cost_usd) AS cost_usd, sum(unpriced_quantity) AS unpriced_quantity";
    /** The one-dimension rollups' dimensions of a row, '' being the tenant's totals. */
    private static final String DIMENSION_VALUES = "(VALUES ('', ''), ('provider', provider), ('model', model), ('endpoint', endpoint),"
            + " ('project', project), ('api_key', api_key), ('service_tier', service_tier)) AS d(dim, value)";
    private static final String DIM_KEYS = "tenant, bucket_start, dim, value, status";
    /** The bucket of an hourly and a daily row, from the 15-minute bucket {@code b15}. */
    private static final String HOUR = "date_trunc('hour', b15, 'UTC')";
    private static final String DAY = "date_trunc('day', b15, 'UTC')";
    static final List<String> TABLES = List.of("usage_rollup_15m", "usage_rollup_1h", "usage_rollup_1d",
            "usage_dim_rollup_15m", "usage_dim_rollup_1h", "usage_dim_rollup_1d", "usage_unit_rollup_15m", "usage_unit_rollup_1h",
            "usage_unit_rollup_1d", "usage_unit_dim_rollup_15m", "usage_unit_dim_rollup_1h", "usage_unit_dim_rollup_1d");

    private BulkRollups() {
    }

    /**
     * Fills every rollup from the raw events of the UTC days touching [from, to) (the tables must be
     * empty there), in two sessions at once: the work is CPU-bound and the machine has two cores.
     */
    static Duration build(BenchStack stack, Instant from, Instant to) throws Exception {
        long start = System.nanoTime();
        try (Connection c = stack.jdbc(); Statement s = c.createStatement()) {
            s.execute("/* bench */ SET work_mem = '256MB'");
            s.execute("/* bench */ DROP TABLE IF EXISTS bench_rollup_source");
            // The finest grain, as rebuild_usage_rollups' rollup_source: 15 minutes × every dimension × latency bucket.
            // Unlogged rather than temporary, so that both sessions read it.
            try (PreparedStatement source = c.prepareStatement("""
                    /* bench */ CREATE UNLOGGED TABLE bench_rollup_source AS
                    SELECT tenant, date_bin('15 minutes', event_time, timestamptz '2000-01-01 00:00:00+00') AS b15,
                           provider, coalesce(model, '') AS model, endpoint, coalesce(project, '') AS project,
                           coalesce(api_key, '') AS api_key, status, service_tier, latency_bucket(latency_ms) AS latency_bucket,
                           count(*) AS requests,
                           sum(input_tokens)::bigint AS input_tokens, sum(cached_input_tokens)::bigint AS cached_input_tokens,
                           sum(cache_write_tokens)::bigint AS cache_write_tokens, sum(output_tokens)::bigint AS output_tokens,
                           sum(reasoning_tokens)::bigint AS reasoning_tokens, sum(cost_usd) AS cost_usd,
                           count(*) FILTER (WHERE NOT priced) AS unpriced_requests, count(latency_ms) AS latency_count,
                           coalesce(sum(latency_ms), 0)::bigint AS latency_sum_ms, max(event_time) AS last_seen
                    FROM usage_event
                    WHERE event_time >= date_trunc('day', ?::timestamptz, 'UTC')
                      AND event_time < date_trunc('day', ?::timestamptz - interval '1 microsecond', 'UTC') + interval '1 day'
                    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10""")) {
                source.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                source.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
                source.execute();
            }
            unitSource(c, from, to);
            Say.step("Rollups: grouped the raw events by 15 minutes, every dimension and latency bucket ("
                    + Format.duration(since(start)) + "); filling the twelve tables (token and units) in two sessions ...");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // Balanced by measured cost: the one-dimension tables take three times the full ones.
                Future<?> a = pool.submit(() -> fill(stack, start, List.of(
                        new String[] {"usage_dim_rollup_15m", dimensions("15m", "b15")},
                        new String[] {"usage_rollup_1h", full("1h", HOUR)},
                        new String[] {"usage_dim_rollup_1d", dimensions("1d", DAY)},
                        new String[] {"usage_unit_dim_rollup_1d (users)", unitUsers(from, to)})));
                Future<?> b = pool.submit(() -> fill(stack, start, List.of(
                        new String[] {"usage_dim_rollup_1h", dimensions("1h", HOUR)},
                        new String[] {"usage_rollup_15m", full("15m", "b15")},
                        new String[] {"usage_rollup_1d", full("1d", DAY)},
                        new String[] {"usage_unit_rollup_15m", unitFull("15m", "b15")},
                        new String[] {"usage_unit_rollup_1h", unitFull("1h", HOUR)},
                        new String[] {"usage_unit_rollup_1d", unitFull("1d", DAY)},
                        new String[] {"usage_unit_dim_rollup_15m", unitDimensions("15m", "b15")},
                        new String[] {"usage_unit_dim_rollup_1h", unitDimensions("1h", HOUR)},
                        new String[] {"usage_unit_dim_rollup_1d", unitDimensions("1d", DAY)},
                        new String[] {"usage_dim_rollup_1d (users)", users(from, to)})));
                a.get();
                b.get();
            } finally {
                pool.shutdownNow();
            }
            s.execute("/* bench */ DROP TABLE bench_rollup_source, bench_unit_source");
        }
        return since(start);
    }

    private static Void fill(BenchStack stack, long start, List<String[]> steps) throws SQLException {
        try (Connection c = stack.jdbc(); Statement s = c.createStatement()) {
            s.execute("/* bench */ SET work_mem = '256MB'");
            for (String[] step : steps) {
                step(s, step[0], step[1], start);
            }
        }
        return null;
    }

    private static void step(Statement s, String table, String sql, long start) throws SQLException {
        int rows = s.executeUpdate(sql);
        Say.step(String.format(Locale.ROOT, "Rollups: %s filled, %s rows (%s)", table, Format.count(rows), Format.duration(since(start))));
    }

    private static String full(String level, String bucket) {
        return "/* bench */ INSERT INTO usage_rollup_" + level + " (" + FULL_KEYS + ", " + METRICS + ")"
                + " SELECT " + FULL_KEYS + ", " + SUMS + ", " + HISTOGRAM + ", max(last_seen)"
                + " FROM (SELECT tenant, " + bucket
                + " AS bucket_start, provider, model, endpoint, project, api_key, status, service_tier, latency_bucket, "
                + SUMS + ", max(last_seen) AS last_seen FROM bench_rollup_source GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) per_latency_bucket"
                + " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9";
    }

    private static String dimensions(String level, String bucket) {
        return "/* bench */ INSERT INTO usage_dim_rollup_" + level + " (" + DIM_KEYS + ", " + METRICS + ")"
                + " SELECT " + DIM_KEYS + ", " + SUMS + ", " + HISTOGRAM + ", max(last_seen)"
                + " FROM (SELECT tenant, " + bucket + " AS bucket_start, d.dim, d.value, status, latency_bucket, " + SUMS
                + ", max(last_seen) AS last_seen FROM bench_rollup_source CROSS JOIN LATERAL " + DIMENSION_VALUES
                + " GROUP BY 1, 2, 3, 4, 5, 6) per_latency_bucket"
                + " GROUP BY 1, 2, 3, 4, 5";
    }

    /**
     * The daily rows by user (V25: dim 'user', value the user or '' without one), straight from the raw events
     * of the UTC days touching [from, to): the grain of bench_rollup_source has no user.
     */
    private static String users(Instant from, Instant to) {
        String dayFrom = "date_trunc('day', timestamptz '" + from + "', 'UTC')";
        String dayTo = "date_trunc('day', timestamptz '" + to + "' - interval '1 microsecond', 'UTC') + interval '1 day'";
        return "/* bench */ INSERT INTO usage_dim_rollup_1d (" + DIM_KEYS + ", " + METRICS + ")"
                + " SELECT tenant, bucket_start, 'user', value, status, " + SUMS + ", " + HISTOGRAM + ", max(last_seen)"
                + " FROM (SELECT tenant, date_trunc('day', event_time, 'UTC') AS bucket_start, coalesce(user_id, '') AS value, status,"
                + " latency_bucket(latency_ms) AS latency_bucket, count(*) AS requests, sum(input_tokens)::bigint AS input_tokens,"
                + " sum(cached_input_tokens)::bigint AS cached_input_tokens, sum(cache_write_tokens)::bigint AS cache_write_tokens,"
                + " sum(output_tokens)::bigint AS output_tokens, sum(reasoning_tokens)::bigint AS reasoning_tokens,"
                + " sum(cost_usd) AS cost_usd, count(*) FILTER (WHERE NOT priced) AS unpriced_requests,"
                + " count(latency_ms) AS latency_count, coalesce(sum(latency_ms), 0)::bigint AS latency_sum_ms,"
                + " max(event_time) AS last_seen FROM usage_event"
                + " WHERE event_time >= " + dayFrom + " AND event_time < " + dayTo
                + " GROUP BY 1, 2, 3, 4, 5) per_latency_bucket GROUP BY 1, 2, 4, 5";
    }

    /**
     * The daily units rows by user (V28: dim 'user', value the user or '' without one), straight from the raw events
     * with units of the UTC days touching [from, to): the grain of bench_unit_source has no user.
     */
    private static String unitUsers(Instant from, Instant to) {
        String dayFrom = "date_trunc('day', timestamptz '" + from + "', 'UTC')";
        String dayTo = "date_trunc('day', timestamptz '" + to + "' - interval '1 microsecond', 'UTC') + interval '1 day'";
        return "/* bench */ INSERT INTO usage_unit_dim_rollup_1d (" + UNIT_DIM_KEYS + ", quantity, cost_usd, unpriced_quantity)"
                + " SELECT e.tenant, date_trunc('day', e.event_time, 'UTC'), 'user', coalesce(e.user_id, ''), e.status, u.key,"
                + " sum(u.value::numeric), coalesce(sum((e.unit_costs ->> u.key)::numeric), 0),"
                + " coalesce(sum(u.value::numeric) FILTER (WHERE NOT coalesce(jsonb_exists(e.unit_costs, u.key), false)), 0)"
                + " FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)"
                + " WHERE e.units IS NOT NULL AND e.event_time >= " + dayFrom + " AND e.event_time < " + dayTo
                + " GROUP BY 1, 2, 4, 5, 6";
    }

    /**
     * The units at the finest grain, as the schema's rebuild: per 15 minutes, every dimension and unit, from the raw
     * events with units only (their partial index), the quantity, what the unit prices gave and the unpriced quantity.
     */
    private static void unitSource(Connection c, Instant from, Instant to) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("/* bench */ DROP TABLE IF EXISTS bench_unit_source");
        }
        try (PreparedStatement source = c.prepareStatement("""
                /* bench */ CREATE UNLOGGED TABLE bench_unit_source AS
                SELECT e.tenant, date_bin('15 minutes', e.event_time, timestamptz '2000-01-01 00:00:00+00') AS b15, e.provider,
                       coalesce(e.model, '') AS model, e.endpoint, coalesce(e.project, '') AS project, coalesce(e.api_key, '') AS api_key,
                       e.status, e.service_tier, u.key AS unit, sum(u.value::numeric) AS quantity,
                       coalesce(sum((e.unit_costs ->> u.key)::numeric), 0) AS cost_usd,
                       coalesce(sum(u.value::numeric) FILTER (WHERE NOT coalesce(e.unit_costs ?? u.key, false)), 0) AS unpriced_quantity
                FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)
                WHERE e.units IS NOT NULL
                  AND e.event_time >= date_trunc('day', ?::timestamptz, 'UTC')
                  AND e.event_time < date_trunc('day', ?::timestamptz - interval '1 microsecond', 'UTC') + interval '1 day'
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10""")) {
            source.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            source.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            source.execute();
        }
    }

    private static String unitFull(String level, String bucket) {
        return "/* bench */ INSERT INTO usage_unit_rollup_" + level + " (" + UNIT_FULL_KEYS + ", quantity, cost_usd, unpriced_quantity)"
                + " SELECT tenant, " + bucket + ", provider, model, endpoint, project, api_key, status, service_tier, unit, " + UNIT_SUMS
                + " FROM bench_unit_source GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10";
    }

    private static String unitDimensions(String level, String bucket) {
        return "/* bench */ INSERT INTO usage_unit_dim_rollup_" + level + " (" + UNIT_DIM_KEYS + ", quantity, cost_usd, unpriced_quantity)"
                + " SELECT tenant, " + bucket + ", d.dim, d.value, status, unit, " + UNIT_SUMS
                + " FROM bench_unit_source CROSS JOIN LATERAL " + DIMENSION_VALUES + " GROUP BY 1, 2, 3, 4, 5, 6";
    }

    /** The result of {@link #verify}: whether every row matched, how many were compared, how long the schema's function took. */
    record Check(boolean identical, long rows, long differences, Duration rebuildTook, Instant day, long userRows, long unitUserRows) {
    }

    /**
     * Rebuilds one UTC day with the schema's {@code rebuild_usage_rollups} and compares every rollup
     * row of that day with what {@link #build} wrote (both ways, every column).
     */
    static Check verify(Connection c, Instant day) throws SQLException {
        OffsetDateTime from = OffsetDateTime.ofInstant(day, ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(1);
        long rows = 0;
        try (Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (PreparedStatement p = c.prepareStatement("/* bench */ CREATE TEMPORARY TABLE bench_" + table
                        + " AS SELECT * FROM " + table + " WHERE bucket_start >= ? AND bucket_start < ?")) {
                    p.setObject(1, from);
                    p.setObject(2, to);
                    p.execute();
                }
            }
            long start = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement("/* bench */ SELECT rebuild_usage_rollups(?, ?)")) {
                p.setObject(1, from);
                p.setObject(2, to);
                p.execute();
            }
            Duration took = since(start);
            long differences = 0;
            for (String table : TABLES) {
                String mine = "bench_" + table;
                String theirs = "(SELECT * FROM " + table + " WHERE bucket_start >= '" + from + "' AND bucket_start < '" + to + "')";
                try (ResultSet rs = s.executeQuery("/* bench */ SELECT (SELECT count(*) FROM " + mine + "),"
                        + " (SELECT count(*) FROM (SELECT * FROM " + mine + " EXCEPT ALL SELECT * FROM " + theirs + " t) a)"
                        + " + (SELECT count(*) FROM (SELECT * FROM " + theirs + " t EXCEPT ALL SELECT * FROM " + mine + ") b)")) {
                    rs.next();
                    rows += rs.getLong(1);
                    differences += rs.getLong(2);
                }
                s.execute("/* bench */ DROP TABLE " + mine);
            }
            long userRows = userRows(c, "usage_dim_rollup_1d", from, to);
            long unitUserRows = userRows(c, "usage_unit_dim_rollup_1d", from, to);
            // Identical only if the day's rows by user were compared too (the day has events, some with units, so it has such rows).
            return new Check(differences == 0 && userRows > 0 && unitUserRows > 0, rows, differences, took, day, userRows, unitUserRows);
        }
    }

    private static long userRows(Connection c, String table, OffsetDateTime from, OffsetDateTime to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "/* bench */ SELECT count(*) FROM " + table + " WHERE dim = 'user' AND bucket_start >= ? AND bucket_start < ?")) {
            p.setObject(1, from);
            p.setObject(2, to);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
