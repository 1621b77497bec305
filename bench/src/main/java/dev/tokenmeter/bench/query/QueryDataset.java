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
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The query dataset, loaded in bulk: raw events with one {@code INSERT ... SELECT ... FROM
 * generate_series} per chunk (after {@code ensure_usage_event_partitions}), then every rollup built
 * from the raw events — by {@link BulkRollups}, which writes exactly what the schema's
 * {@code rebuild_usage_rollups(from, to)} would (checked on one day each run) in a fraction of its
 * time, or by that function itself. Tenant
 * {@code bench}: 200 API keys (skewed: a few heavy keys, a long tail), four per project in 50
 * projects; each project uses three of the 15 models (of three providers, with their prices), each key
 * one of the model's two endpoints (20 endpoints in all); ~2% errors and 0.5% timeouts, prompt
 * caching, reasoning tokens, 4 000 users, tags {@code env} and {@code team}, web-search units on 2% of the calls
 * (an unpriced image on a fifth of those). The dedup table
 * ({@code usage_event_key}) is not filled: no query reads it.
 */
final class QueryDataset {

    static final String TENANT = "bench";
    static final int PROJECTS = 50;

    /** The rollup and raw tables, emptied before the load (the ingest part leaves its events there). */
    private static final List<String> TABLES = List.of("usage_event", "usage_event_key", "usage_event_conflict",
            "usage_rollup_15m", "usage_rollup_1h", "usage_rollup_1d", "usage_dim_rollup_15m", "usage_dim_rollup_1h",
            "usage_dim_rollup_1d", "usage_unit_rollup_15m", "usage_unit_rollup_1h", "usage_unit_rollup_1d", "usage_unit_dim_rollup_15m",
            "usage_unit_dim_rollup_1h", "usage_unit_dim_rollup_1d");

    private static final String INSERT = """
            /* bench */ INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key, user_id,
                status, error_type, error_message, latency_ms, input_tokens, cached_input_tokens, cache_write_tokens,
                output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags, units, unit_costs)
            SELECT 'bench', 'q-' || s.g, s.t, m.provider, m.model, 'endpoint-' || lpad((x.ei + 1)::text, 2, '0'),
                   'project-' || lpad((x.p + 1)::text, 2, '0'), 'key-' || lpad((s.k + 1)::text, 3, '0'),
                   CASE WHEN s.u < 4000 THEN 'user-' || s.u END,
                   o.status,
                   CASE o.status WHEN 'error' THEN 'rate_limit' WHEN 'timeout' THEN 'timeout' END,
                   CASE o.status WHEN 'error' THEN '429 from upstream' WHEN 'timeout' THEN 'no response within 60 s' END,
                   CASE o.status WHEN 'timeout' THEN 60000 ELSE (150 + tk.output_tokens * 9 + s.noise * 600)::int END,
                   tk.input_tokens, c.cached, 0, tk.output_tokens, c.reasoning,
                   round(((tk.input_tokens - c.cached) * m.price_in + c.cached * m.price_in / 10
                          + tk.output_tokens * m.price_out) / 1000000, 12),
                   true, 'catalog', m.provider || '/' || m.model || '@bench',
                   jsonb_build_object('env', CASE WHEN s.k % 10 = 9 THEN 'staging' ELSE 'prod' END,
                                      'team', 'team-' || (x.p % 8 + 1)),
                   -- 2% of the calls also ran 1-3 web searches ($0.01 each), every fifth of those one unpriced image
                   CASE WHEN s.g % 50 = 7 THEN jsonb_build_object('webSearches', 1 + s.g % 3)
                                               || CASE WHEN s.g % 250 = 7 THEN '{"images": 1}'::jsonb ELSE '{}'::jsonb END END,
                   CASE WHEN s.g % 50 = 7 THEN jsonb_build_object('webSearches', 0.01 * (1 + s.g % 3)) END
            FROM (
                SELECT g, ?::timestamptz + make_interval(secs => (g + random()) * ? / ?) AS t,
                       floor(200 * power(random(), 2))::int AS k, random() AS slot,
                       random() AS outcome, random() AS cache_roll,
                       floor(150 + 6000 * power(random(), 3))::bigint AS input,
                       floor(10 + 1500 * power(random(), 3))::bigint AS output,
                       random() AS noise, floor(random() * 5000)::int AS u
                FROM generate_series(?::bigint, ?::bigint - 1) AS g) s
            -- A key belongs to one project (k % 50); a project uses three models (60/30/10%); a key calls each
            -- model through one endpoint (two per model over the keys), so the 20 endpoints are all in use.
            CROSS JOIN LATERAL (SELECT s.k % 50 AS p,
                                       CASE WHEN s.slot < 0.6 THEN (s.k % 50 * 7) % 15 WHEN s.slot < 0.9 THEN (s.k % 50 * 7 + 4) % 15
                                            ELSE (s.k % 50 * 7 + 9) % 15 END AS mi) y
            CROSS JOIN LATERAL (SELECT y.p, y.mi, (y.mi * 3 + s.k % 2) % 20 AS ei) x
            JOIN (VALUES (0, 'openai', 'gpt-4o-mini', 0.15, 0.60, false), (1, 'openai', 'gpt-4.1-mini', 0.40, 1.60, false),
                         (2, 'anthropic', 'claude-haiku-4-5', 1.00, 5.00, false), (3, 'openai', 'gpt-4o', 2.50, 10.00, false),
                         (4, 'anthropic', 'claude-sonnet-4-5', 3.00, 15.00, false), (5, 'google', 'gemini-2.5-flash', 0.30, 2.50, true),
                         (6, 'openai', 'gpt-5-mini', 0.25, 2.00, true), (7, 'openai', 'gpt-4.1', 2.00, 8.00, false),
                         (8, 'google', 'gemini-2.5-flash-lite', 0.10, 0.40, false), (9, 'openai', 'o4-mini', 1.10, 4.40, true),
                         (10, 'openai', 'gpt-4.1-nano', 0.10, 0.40, false), (11, 'google', 'gemini-2.5-pro', 1.25, 10.00, true),
                         (12, 'openai', 'gpt-5', 1.25, 10.00, true), (13, 'openai', 'o3', 2.00, 8.00, true),
                         (14, 'anthropic', 'claude-opus-4-1', 15.00, 75.00, false))
                 AS m(idx, provider, model, price_in, price_out, reasons) ON m.idx = x.mi
            CROSS JOIN LATERAL (SELECT CASE WHEN s.outcome < 0.02 THEN 'error' WHEN s.outcome < 0.025 THEN 'timeout'
                                            ELSE 'success' END AS status) o
            CROSS JOIN LATERAL (SELECT CASE WHEN o.status = 'success' THEN s.input ELSE 0 END AS input_tokens,
                                       CASE WHEN o.status = 'success' THEN s.output ELSE 0 END AS output_tokens) tk
            CROSS JOIN LATERAL (SELECT CASE WHEN s.cache_roll < 0.35 THEN tk.input_tokens * 6 / 10 ELSE 0 END AS cached,
                                       CASE WHEN m.reasons THEN tk.output_tokens * 4 / 10 ELSE 0 END AS reasoning) c""";

    /** What was loaded, and how long each step took. */
    record Loaded(Instant from, Instant to, long events, Duration insert, String rollupMethod, Duration rollups,
            BulkRollups.@Nullable Check check, Duration vacuum, Map<String, String> tables) {
    }

    private final BenchStack stack;

    QueryDataset(BenchStack stack) {
        this.stack = stack;
    }

    /**
     * Empties the tables and loads the dataset.
     *
     * @param rebuildFunction build the rollups with the schema's rebuild_usage_rollups over the whole
     *                        range (slow) instead of {@link BulkRollups} (verified against it on one day)
     */
    Loaded load(int events, int days, boolean rebuildFunction) throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(Duration.ofDays(days));
        try (Connection c = stack.jdbc(); Statement s = c.createStatement()) {
            s.execute("/* bench */ TRUNCATE " + String.join(", ", TABLES));
            s.execute("/* bench */ SELECT setseed(0.20261123)");
            try (PreparedStatement ensure = c.prepareStatement("/* bench */ SELECT ensure_usage_event_partitions(?, ?)")) {
                ensure.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                ensure.setObject(2, OffsetDateTime.ofInstant(to.plus(Duration.ofDays(1)), ZoneOffset.UTC));
                ensure.execute();
            }
            Duration insert = insert(c, events, from, Duration.between(from, to));
            Duration rollups;
            BulkRollups.Check check = null;
            if (rebuildFunction) {
                rollups = rebuild(c, from, to, days);
            } else {
                rollups = BulkRollups.build(stack, from, to);
                Instant day = from.plus(Duration.ofDays(days / 2)).truncatedTo(ChronoUnit.DAYS);
                Say.step("Checking the bulk rollups against the schema's rebuild_usage_rollups on " + day.toString().substring(0, 10)
                        + " ...");
                check = BulkRollups.verify(c, day);
                String verdict = String.format(Locale.ROOT, "%s rollup rows of %s compared (%s of them by user, %s units by user): %s; "
                        + "rebuild_usage_rollups took %s for that day", Format.count(check.rows()), day.toString().substring(0, 10),
                        Format.count(check.userRows()), Format.count(check.unitUserRows()),
                        check.identical() ? "identical" : check.differences() + " DIFFER", Format.duration(check.rebuildTook()));
                if (check.identical()) {
                    Say.step(verdict);
                } else {
                    Say.loud(verdict);
                }
            }
            long start = System.nanoTime();
            Say.step("VACUUM ANALYZE of the raw events and the rollups (what autovacuum does after a load) ...");
            s.execute("/* bench */ VACUUM ANALYZE " + String.join(", ", TABLES));
            Duration vacuum = Duration.ofNanos(System.nanoTime() - start);
            Say.step("VACUUM ANALYZE took " + Format.duration(vacuum));
            return new Loaded(from, to, events, insert, rebuildFunction ? "rebuild_usage_rollups(from, to)" : "bulk SQL (BulkRollups)",
                    rollups, check, vacuum, tables(s));
        }
    }

    private Duration insert(Connection c, int events, Instant from, Duration span) throws SQLException {
        int chunks = Math.max(4, events / 500_000);
        long start = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                long lo = (long) events * chunk / chunks;
                long hi = (long) events * (chunk + 1) / chunks;
                insert.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                insert.setDouble(2, span.toSeconds());
                insert.setLong(3, events);
                insert.setLong(4, lo);
                insert.setLong(5, hi);
                insert.executeUpdate();
                double seconds = (System.nanoTime() - start) / 1e9;
                double eta = seconds / (chunk + 1) * (chunks - chunk - 1);
                Say.step(String.format(Locale.ROOT, "Raw events: %s of %s inserted (%s, %s events/s, about %s left)",
                        Format.count(hi), Format.count(events), Format.duration(Duration.ofMillis((long) (seconds * 1000))),
                        Format.number(hi / seconds), Format.duration(Duration.ofMillis((long) (eta * 1000)))));
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Rebuilds the rollups window by window (whole UTC days, so the result is the one call's), with progress. */
    private Duration rebuild(Connection c, Instant from, Instant to, int days) throws SQLException {
        long start = System.nanoTime();
        int windows = Math.max(1, Math.min(9, days / 10));
        Instant dayFrom = from.truncatedTo(ChronoUnit.DAYS);
        long totalDays = Duration.between(dayFrom, to.truncatedTo(ChronoUnit.DAYS)).toDays() + 1;
        try (PreparedStatement rebuild = c.prepareStatement("/* bench */ SELECT rebuild_usage_rollups(?::timestamptz, ?::timestamptz)")) {
            for (int w = 0; w < windows; w++) {
                Instant a = dayFrom.plus(Duration.ofDays(totalDays * w / windows));
                Instant b = dayFrom.plus(Duration.ofDays(totalDays * (w + 1) / windows));
                rebuild.setObject(1, OffsetDateTime.ofInstant(a, ZoneOffset.UTC));
                rebuild.setObject(2, OffsetDateTime.ofInstant(b, ZoneOffset.UTC));
                rebuild.execute();
                double seconds = (System.nanoTime() - start) / 1e9;
                Say.step(String.format(Locale.ROOT, "Rollups: rebuild_usage_rollups %s .. %s done (%d of %d windows, %s)",
                        a.toString().substring(0, 10), b.toString().substring(0, 10), w + 1, windows,
                        Format.duration(Duration.ofMillis((long) (seconds * 1000)))));
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Rows and size of each table, for the report. */
    private static Map<String, String> tables(Statement s) throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (table.equals("usage_event_key") || table.equals("usage_event_conflict")) {
                continue;
            }
            // A partitioned table has no storage of its own: its size is its partitions'.
            String size = "(SELECT pg_size_pretty(pg_total_relation_size('" + table
                    + "') + coalesce(sum(pg_total_relation_size(inhrelid)), 0))"
                    + " FROM pg_inherits WHERE inhparent = '" + table + "'::regclass)";
            try (ResultSet rs = s.executeQuery("/* bench */ SELECT count(*), " + size + " FROM " + table)) {
                rs.next();
                tables.put(table, Format.count(rs.getLong(1)) + " rows, " + rs.getString(2));
            }
        }
        return tables;
    }
}
