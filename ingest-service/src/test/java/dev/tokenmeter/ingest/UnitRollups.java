package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The units half of {@link Totals}' check: every row of the six units rollups (V24, with the daily rows by user of V28)
 * equals the same sums
 * recomputed in Java from the raw events' {@code units} and {@code unit_costs}, and nothing else is there.
 */
final class UnitRollups {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> DIMS = List.of("", "provider", "model", "endpoint", "project", "api_key", "service_tier");

    private UnitRollups() {
    }

    /** quantity, cost and unpriced quantity, normalized for comparison. */
    record Sums(BigInteger quantity, BigDecimal cost, BigInteger unpriced) {
        Sums plus(Sums o) {
            return new Sums(quantity.add(o.quantity), cost.add(o.cost).stripTrailingZeros(), unpriced.add(o.unpriced));
        }
    }

    static void assertMatchRawEvents(Connection connection, List<String> tenants) throws SQLException {
        for (var level : Map.of("15m", 900L, "1h", 3_600L, "1d", 86_400L).entrySet()) {
            Map<List<String>, Sums> withUsers = recompute(connection, tenants, level.getValue());
            Map<List<String>, Sums> full = new HashMap<>();
            withUsers.forEach((k, v) -> full.merge(List.copyOf(k.subList(0, 10)), v, Sums::plus));
            assertThat(read(connection, "SELECT tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,"
                    + " unit, quantity, cost_usd, unpriced_quantity FROM usage_unit_rollup_" + level.getKey() + " WHERE tenant = ANY (?)",
                    tenants, 10))
                    .as("usage_unit_rollup_%s equals the raw events' units grouped by every dimension", level.getKey())
                    .isEqualTo(full);
            Map<List<String>, Sums> perDim = new HashMap<>();
            full.forEach((k, v) -> {
                // full key (tenant 0, bucket 1, provider 2, model 3, endpoint 4, project 5, api_key 6, status 7, service_tier 8,
                // unit 9) to one-dimension key (tenant, bucket, dim, value, status, unit); dim '' has value ''
                int[] column = {-1, 2, 3, 4, 5, 6, 8};
                for (int d = 0; d < DIMS.size(); d++) {
                    String value = d == 0 ? "" : k.get(column[d]);
                    perDim.merge(List.of(k.get(0), k.get(1), DIMS.get(d), value, k.get(7), k.get(9)), v, Sums::plus);
                }
            });
            if (level.getKey().equals("1d")) {
                // the daily rows by user (V28): value the user or '' without one
                withUsers
                        .forEach((k, v) -> perDim.merge(List.of(k.get(0), k.get(1), "user", k.get(10), k.get(7), k.get(9)), v, Sums::plus));
            }
            assertThat(read(connection, "SELECT tenant, bucket_start, dim, value, status, unit, quantity, cost_usd, unpriced_quantity"
                    + " FROM usage_unit_dim_rollup_" + level.getKey() + " WHERE tenant = ANY (?)", tenants, 6))
                    .as("usage_unit_dim_rollup_%s equals the raw events' units grouped by one dimension at a time (and by user, daily)",
                            level.getKey())
                    .isEqualTo(perDim);
        }
    }

    /** The sums by full key and unit, then the user ('' without one) as the key's last element. */
    private static Map<List<String>, Sums> recompute(Connection connection, List<String> tenants, long seconds) throws SQLException {
        Map<List<String>, Sums> expected = new HashMap<>();
        try (var statement = connection.prepareStatement(
                """
                        SELECT tenant, event_time, provider, coalesce(model, '') AS model, endpoint, coalesce(project, '') AS project,
                               coalesce(api_key, '') AS api_key, status, service_tier, coalesce(user_id, '') AS user_id, units::text AS units, unit_costs::text AS unit_costs
                        FROM usage_event WHERE tenant = ANY (?) AND units IS NOT NULL""")) {
            statement.setArray(1, connection.createArrayOf("text", tenants.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    long epoch = row.getTimestamp("event_time").toInstant().getEpochSecond();
                    String bucket = Instant.ofEpochSecond(epoch - Math.floorMod(epoch, seconds)).toString();
                    JsonNode units = JSON.readTree(row.getString("units"));
                    String costsText = row.getString("unit_costs");
                    JsonNode costs = costsText == null ? JSON.createObjectNode() : JSON.readTree(costsText);
                    for (var unit : units.properties()) {
                        List<String> key = new ArrayList<>();
                        key.add(row.getString("tenant"));
                        key.add(bucket);
                        for (String column : List.of("provider", "model", "endpoint", "project", "api_key", "status", "service_tier")) {
                            key.add(row.getString(column));
                        }
                        key.add(unit.getKey());
                        key.add(row.getString("user_id"));
                        BigInteger quantity = unit.getValue().bigIntegerValue();
                        JsonNode cost = costs.get(unit.getKey());
                        Sums one = cost == null
                                ? new Sums(quantity, BigDecimal.ZERO, quantity)
                                : new Sums(quantity, cost.decimalValue().stripTrailingZeros(), BigInteger.ZERO);
                        expected.merge(List.copyOf(key), one, Sums::plus);
                    }
                }
            }
        }
        return expected;
    }

    private static Map<List<String>, Sums> read(Connection connection, String sql, List<String> tenants, int keys) throws SQLException {
        Map<List<String>, Sums> actual = new HashMap<>();
        try (var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", tenants.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i <= keys; i++) {
                        key.add(i == 2 ? row.getTimestamp(i).toInstant().toString() : row.getString(i));
                    }
                    Sums sums = new Sums(row.getBigDecimal(keys + 1).toBigIntegerExact(), row.getBigDecimal(keys + 2).stripTrailingZeros(),
                            row.getBigDecimal(keys + 3).toBigIntegerExact());
                    assertThat(actual.put(List.copyOf(key), sums)).as("one units rollup row per key").isNull();
                }
            }
        }
        return actual;
    }
}
