package dev.tokenmeter.bench.query;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The baseline: each question answered the plain way, with {@code GROUP BY} over the raw events
 * ({@code usage_event}, partitioned by month) and the indexes the schema has: the primary key
 * {@code (tenant, event_time, id)} (scanned either way for time ranges), {@code (tenant, cost_usd,
 * event_time, id)} for the log's cost order, and a partial index on failures. Each query computes
 * what the API answers — counts by status, token sums, cost, average and percentile latency,
 * distinct counts — and the bench compares requests and cost (and the page's ids) with the API's.
 * Answers are "facts": one line per bucket or row, {@code key|requests|cost}.
 */
final class RawSql {

    /** A half-open time range. */
    record Range(Instant from, Instant to) {

        Range previous() {
            return new Range(from.minus(java.time.Duration.between(from, to)), from);
        }
    }

    private static final String MEASURES = """
            count(*) AS requests, count(*) FILTER (WHERE status = 'success') AS successes,
            count(*) FILTER (WHERE status = 'error') AS errors, count(*) FILTER (WHERE status = 'timeout') AS timeouts,
            sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached, sum(cache_write_tokens) AS cache_write,
            sum(output_tokens) AS output_tokens, sum(reasoning_tokens) AS reasoning, coalesce(sum(cost_usd), 0) AS cost,
            count(*) FILTER (WHERE NOT priced) AS unpriced, avg(latency_ms) AS avg_latency""";

    private RawSql() {
    }

    /** The summary: totals, latency percentiles and distinct counts, for the range and the period before it. */
    static List<String> summary(Connection c, Range range) throws SQLException {
        List<String> facts = new ArrayList<>();
        for (Range r : List.of(range, range.previous())) {
            String sql = "/* bench */ SELECT " + MEASURES + """
                    , percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY latency_ms) AS latency_percentiles,
                    count(DISTINCT model), count(DISTINCT endpoint), count(DISTINCT api_key), count(DISTINCT project)
                    FROM usage_event WHERE tenant = ? AND event_time >= ? AND event_time < ?""";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, r, 1);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    String prefix = r == range ? "" : "previous ";
                    facts.add(prefix + "requests=" + rs.getLong("requests"));
                    facts.add(prefix + "cost=" + money(rs.getBigDecimal("cost")));
                }
            }
        }
        return facts;
    }

    /** A timeline: one fact per non-empty bucket ({@code epoch second of its start|requests|cost}). */
    static List<String> timeline(Connection c, Range range, String unit, String zone) throws SQLException {
        String sql = "/* bench */ SELECT extract(epoch FROM date_trunc(?, event_time, ?))::bigint AS bucket, " + MEASURES + """
                , percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95_latency
                FROM usage_event WHERE tenant = ? AND event_time >= ? AND event_time < ?
                GROUP BY 1 ORDER BY 1""";
        List<String> facts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, unit);
            s.setString(2, zone);
            bind(s, range, 3);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    facts.add(rs.getLong("bucket") + "|" + rs.getLong("requests") + "|" + money(rs.getBigDecimal("cost")));
                }
            }
        }
        return facts;
    }

    /**
     * A breakdown by {@code column} (an allow-listed column name), optionally of one project, most
     * cost first: the top {@code limit} rows as facts, then the total.
     */
    static List<String> breakdown(Connection c, Range range, String column, @Nullable String project, int limit) throws SQLException {
        if (!List.of("model", "project", "api_key", "user_id").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        String sql = "/* bench */ SELECT " + column + " AS key, " + MEASURES
                + ", percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95_latency, max(event_time) AS last_seen"
                + " FROM usage_event WHERE tenant = ? AND event_time >= ? AND event_time < ?"
                + (project == null ? "" : " AND project = ?")
                + " GROUP BY 1 ORDER BY cost DESC, key";
        List<String> facts = new ArrayList<>();
        long requests = 0;
        BigDecimal cost = BigDecimal.ZERO;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, range, 1);
            if (project != null) {
                s.setString(4, project);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (facts.size() < limit) {
                        facts.add(rs.getString("key") + "|" + rs.getLong("requests") + "|" + money(rs.getBigDecimal("cost")));
                    }
                    requests += rs.getLong("requests");
                    cost = cost.add(rs.getBigDecimal("cost"));
                }
            }
        }
        facts.add("total|" + requests + "|" + money(cost));
        return facts;
    }

    /** A page of the log by cost, most expensive first, the plain way: {@code OFFSET}, and a count for the total. */
    static List<String> page(Connection c, Range range, int offset, int limit) throws SQLException {
        List<String> facts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                /* bench */ SELECT tenant, id, event_time, provider, model, endpoint, project, api_key, user_id, status, error_type,
                error_message, latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
                reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags::text
                FROM usage_event WHERE tenant = ? AND event_time >= ? AND event_time < ?
                ORDER BY cost_usd DESC, event_time DESC, id DESC LIMIT ? OFFSET ?""")) {
            bind(s, range, 1);
            s.setInt(4, limit);
            s.setInt(5, offset);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    facts.add(rs.getString("id"));
                }
            }
        }
        try (PreparedStatement s = c
                .prepareStatement("/* bench */ SELECT count(*) FROM usage_event WHERE tenant = ? AND event_time >= ? AND event_time < ?")) {
            bind(s, range, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                facts.add("total=" + rs.getLong(1));
            }
        }
        return facts;
    }

    private static void bind(PreparedStatement s, Range range, int first) throws SQLException {
        s.setString(first, QueryDataset.TENANT);
        s.setObject(first + 1, OffsetDateTime.ofInstant(range.from(), ZoneOffset.UTC));
        s.setObject(first + 2, OffsetDateTime.ofInstant(range.to(), ZoneOffset.UTC));
    }

    /** An amount as both sides print it: exact, no trailing zeros, no exponent. */
    static String money(@Nullable BigDecimal usd) {
        if (usd == null) {
            return "0";
        }
        BigDecimal stripped = usd.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
