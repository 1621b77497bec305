package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.latency.LatencyHistogram;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance check of the ingest pipeline: every rollup row equals the same aggregate
 * recomputed in Java from the raw events, and nothing else is in the rollups.
 */
final class Totals {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Totals() {
    }

    record Key(String tenant, Instant bucket, String provider, String model, String endpoint,
            String project, String apiKey, String status, String serviceTier) {
    }

    record Aggregate(long requests, long input, long cached, long cacheWrite, long output, long reasoning,
            BigDecimal cost, long unpriced, long latencyCount, long latencySum,
            Map<Integer, Long> histogram, Instant lastSeen) {

        Aggregate plus(Aggregate o) {
            Map<Integer, Long> merged = new TreeMap<>(histogram);
            o.histogram.forEach((k, v) -> merged.merge(k, v, Long::sum));
            return new Aggregate(requests + o.requests, input + o.input, cached + o.cached, cacheWrite + o.cacheWrite,
                    output + o.output, reasoning + o.reasoning, cost.add(o.cost), unpriced + o.unpriced,
                    latencyCount + o.latencyCount, latencySum + o.latencySum, merged,
                    lastSeen.isAfter(o.lastSeen) ? lastSeen : o.lastSeen);
        }

        Aggregate normalized() {
            return new Aggregate(requests, input, cached, cacheWrite, output, reasoning,
                    cost.stripTrailingZeros(), unpriced, latencyCount, latencySum, new TreeMap<>(histogram), lastSeen);
        }
    }

    /** Asserts every token and units rollup table equals a GROUP BY of the raw events of the given tenants. */
    static void assertRollupsMatchRawEvents(Connection connection, List<String> tenants) throws SQLException {
        for (var level : Map.of("15m", 900L, "1h", 3_600L, "1d", 86_400L).entrySet()) {
            Map<Key, Aggregate> expected = recompute(connection, tenants, level.getValue());
            assertThat(rollup(connection, "usage_rollup_" + level.getKey(), tenants))
                    .as("usage_rollup_%s equals the raw events grouped by %d-second UTC buckets", level.getKey(), level.getValue())
                    .isEqualTo(expected);
            Map<Key, Aggregate> perDimension = perDimension(expected);
            if (level.getKey().equals("1d")) {
                perDimension.putAll(perUser(connection, tenants));
            }
            assertThat(dimensionRollup(connection, "usage_dim_rollup_" + level.getKey(), tenants))
                    .as("usage_dim_rollup_%s equals the raw events grouped by one dimension at a time (and by user, daily)",
                            level.getKey())
                    .isEqualTo(perDimension);
        }
        UnitRollups.assertMatchRawEvents(connection, tenants);
    }

    /** Folds full-dimension aggregates into one-dimension ones: key (tenant, bucket, dim, value, status). */
    private static Map<Key, Aggregate> perDimension(Map<Key, Aggregate> full) {
        Map<Key, Aggregate> result = new HashMap<>();
        full.forEach((k, v) -> {
            Map<String, String> values = Map.of("", "", "provider", k.provider(), "model", k.model(), "endpoint", k.endpoint(),
                    "project", k.project(), "api_key", k.apiKey(), "service_tier", k.serviceTier());
            values.forEach((dim, value) -> result.merge(new Key(k.tenant(), k.bucket(), dim, value, "", "", "", k.status(), ""), v,
                    Aggregate::plus));
        });
        result.replaceAll((k, v) -> v.normalized());
        return result;
    }

    /** The daily rows by user (V25): key (tenant, UTC day, 'user', the user or '' without one, status). */
    private static Map<Key, Aggregate> perUser(Connection connection, List<String> tenants) throws SQLException {
        Map<Key, Aggregate> expected = new HashMap<>();
        eachRow(connection, tenants, """
                SELECT tenant, event_time, user_id, status, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens,
                       reasoning_tokens, cost_usd, priced, latency_ms
                FROM usage_event WHERE tenant = ANY (?)""", row -> {
            Instant time = row.getTimestamp("event_time").toInstant();
            Key key = new Key(row.getString("tenant"), bucketStart(time, 86_400L), "user", orEmpty(row.getString("user_id")), "", "",
                    "", row.getString("status"), "");
            expected.merge(key, oneEvent(row, time), Aggregate::plus);
        });
        expected.replaceAll((k, v) -> v.normalized());
        return expected;
    }

    private static Map<Key, Aggregate> dimensionRollup(Connection connection, String table, List<String> tenants) throws SQLException {
        return rollupRows(connection, tenants, table, "tenant, bucket_start, dim, value, status", row -> new Key(row.getString("tenant"),
                row.getTimestamp("bucket_start").toInstant(), row.getString("dim"), row.getString("value"), "", "", "",
                row.getString("status"), ""));
    }

    private static Aggregate aggregate(ResultSet row) throws SQLException {
        Map<Integer, Long> histogram = new TreeMap<>();
        JsonNode hist = JSON.readTree(row.getString("hist"));
        hist.properties().forEach(e -> histogram.put(Integer.valueOf(e.getKey()), e.getValue().longValue()));
        return new Aggregate(row.getLong("requests"), row.getLong("input_tokens"),
                row.getLong("cached_input_tokens"), row.getLong("cache_write_tokens"), row.getLong("output_tokens"),
                row.getLong("reasoning_tokens"), row.getBigDecimal("cost_usd"), row.getLong("unpriced_requests"),
                row.getLong("latency_count"), row.getLong("latency_sum_ms"), histogram,
                row.getTimestamp("last_seen").toInstant()).normalized();
    }

    private static Map<Key, Aggregate> recompute(Connection connection, List<String> tenants, long bucketSeconds) throws SQLException {
        Map<Key, Aggregate> expected = new HashMap<>();
        eachRow(connection, tenants, """
                SELECT tenant, event_time, provider, model, endpoint, project, api_key, status, service_tier, input_tokens,
                       cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, latency_ms
                FROM usage_event WHERE tenant = ANY (?)""", row -> {
            Instant time = row.getTimestamp("event_time").toInstant();
            Key key = new Key(row.getString("tenant"), bucketStart(time, bucketSeconds), row.getString("provider"),
                    orEmpty(row.getString("model")), row.getString("endpoint"), orEmpty(row.getString("project")),
                    orEmpty(row.getString("api_key")), row.getString("status"), row.getString("service_tier"));
            expected.merge(key, oneEvent(row, time), Aggregate::plus);
        });
        expected.replaceAll((k, v) -> v.normalized());
        return expected;
    }

    private static Map<Key, Aggregate> rollup(Connection connection, String table, List<String> tenants) throws SQLException {
        return rollupRows(connection, tenants, table,
                "tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier",
                row -> new Key(row.getString("tenant"), row.getTimestamp("bucket_start").toInstant(),
                        row.getString("provider"), row.getString("model"), row.getString("endpoint"),
                        row.getString("project"), row.getString("api_key"), row.getString("status"), row.getString("service_tier")));
    }

    /** The rows of a rollup table of the tenants by their key, asserting that no key is there twice. */
    private static Map<Key, Aggregate> rollupRows(Connection connection, List<String> tenants, String table, String keyColumns,
            KeyReader keyOf) throws SQLException {
        Map<Key, Aggregate> actual = new HashMap<>();
        eachRow(connection, tenants, """
                SELECT %s, requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                       cost_usd, unpriced_requests, latency_count, latency_sum_ms, latency_hist::text AS hist, last_seen
                FROM %s WHERE tenant = ANY (?)""".formatted(keyColumns, table), row -> {
            assertThat(actual.put(keyOf.read(row), aggregate(row))).as("one rollup row per key").isNull();
        });
        return actual;
    }

    /** What one raw event adds to its rollup row. */
    private static Aggregate oneEvent(ResultSet row, Instant time) throws SQLException {
        Integer latency = (Integer) row.getObject("latency_ms");
        return new Aggregate(1, row.getLong("input_tokens"), row.getLong("cached_input_tokens"),
                row.getLong("cache_write_tokens"), row.getLong("output_tokens"), row.getLong("reasoning_tokens"),
                row.getBigDecimal("cost_usd"), row.getBoolean("priced") ? 0 : 1,
                latency == null ? 0 : 1, latency == null ? 0 : latency,
                latency == null ? Map.of() : Map.of(LatencyHistogram.bucket(latency), 1L), time);
    }

    /** The start of the UTC bucket of this length that holds the instant. */
    private static Instant bucketStart(Instant time, long bucketSeconds) {
        long epoch = time.getEpochSecond();
        return Instant.ofEpochSecond(epoch - Math.floorMod(epoch, bucketSeconds));
    }

    /** Runs the query, whose one parameter is the tenants, and hands each row to the reader. */
    private static void eachRow(Connection connection, List<String> tenants, String sql, RowReader reader) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", tenants.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    reader.read(row);
                }
            }
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private interface KeyReader {
        Key read(ResultSet row) throws SQLException;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
