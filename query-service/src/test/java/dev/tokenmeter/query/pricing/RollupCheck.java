package dev.tokenmeter.query.pricing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts, per rollup table, the rows of a tenant that differ from a GROUP BY of its raw events (0 everywhere when exact);
 * the daily one-dimension rollup holds users too (V25).
 */
final class RollupCheck {

    private static final String MEASURES = """
            requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, unpriced_requests""";
    private static final String SUMS = """
            count(*) AS requests, sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
            sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens,
            sum(reasoning_tokens) AS reasoning_tokens, sum(cost_usd) AS cost_usd,
            count(*) FILTER (WHERE NOT priced) AS unpriced_requests""";
    private static final Map<String, String> BUCKETS = Map.of(
            "15m", "date_bin('15 minutes', event_time, timestamptz '2000-01-01 00:00:00+00')",
            "1h", "date_trunc('hour', event_time, 'UTC')",
            "1d", "date_trunc('day', event_time, 'UTC')");

    private RollupCheck() {
    }

    static Map<String, Long> differences(Connection connection, String tenant) throws SQLException {
        Map<String, Long> differences = new LinkedHashMap<>();
        for (var level : BUCKETS.entrySet()) {
            String bucket = level.getValue();
            differences.put("usage_rollup_" + level.getKey(), count(connection, tenant, """
                    SELECT tenant, %s AS bucket_start, provider, model, endpoint, coalesce(project, '') AS project,
                           coalesce(api_key, '') AS api_key, status, service_tier, %s
                    FROM usage_event WHERE tenant = ? GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9""".formatted(bucket, SUMS),
                    "SELECT tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier, " + MEASURES
                            + " FROM usage_rollup_" + level.getKey() + " WHERE tenant = ?"));
            differences.put("usage_dim_rollup_" + level.getKey(), count(connection, tenant, """
                    SELECT tenant, %s AS bucket_start, d.dim, d.value, status, %s
                    FROM usage_event CROSS JOIN LATERAL (VALUES ('', ''), ('provider', provider), ('model', model),
                        ('endpoint', endpoint), ('project', coalesce(project, '')), ('api_key', coalesce(api_key, '')),
                        ('service_tier', service_tier)%s) AS d(dim, value)
                    WHERE tenant = ? GROUP BY 1, 2, 3, 4, 5""".formatted(bucket, SUMS,
                    level.getKey().equals("1d") ? ", ('user', coalesce(user_id, ''))" : ""),
                    "SELECT tenant, bucket_start, dim, value, status, " + MEASURES + " FROM usage_dim_rollup_" + level.getKey()
                            + " WHERE tenant = ?"));
        }
        return differences;
    }

    private static long count(Connection connection, String tenant, String expected, String actual) throws SQLException {
        String sql = "WITH e AS (" + expected + "), a AS (" + actual + ") "
                + "SELECT (SELECT count(*) FROM (SELECT * FROM e EXCEPT ALL SELECT * FROM a) x)"
                + " + (SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM e) y)";
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            statement.setString(2, tenant);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
