package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Units totals (API.md §4) answered from the units rollups (V24) equal the raw events' sums: every
 * breakdown dimension, one- and two-dimension filters, status, user and tag filters, a range of whole days
 * (rollups only) and one with unaligned edges (rollups and raw edges). Quantities past the range of a long
 * are answered exactly. The rollups are built by {@code rebuild_usage_rollups}, the ingest ITs build them
 * by ingest and check every row against the raw events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key="
        + UnitsFromRollupsIT.OPERATOR)
@WithInfrastructure
class UnitsFromRollupsIT {

    static final String OPERATOR = "units-operator-key-0123456789abcdefghijk";
    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(UnitsFromRollupsIT.class);
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build();
    static final String WHOLE_DAYS = "from=2026-01-05&to=2026-01-09";
    static final String UNALIGNED = "from=2026-01-05T01:07:00Z&to=2026-01-07T13:52:30Z";

    @LocalServerPort
    int port;

    @BeforeAll
    static void load(@Autowired org.flywaydb.core.Flyway flyway) throws SQLException {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT ensure_usage_event_partitions('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')");
            // 400 calls over three days, every dimension varied; two of three carry units: web searches (priced on
            // even calls) and, on some, unpriced images.
            statement.execute("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key, user_id, status,
                        latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                        cost_usd, priced, cost_source, tags, service_tier, units, unit_costs)
                    SELECT 'units', 'ev-' || g, timestamptz '2026-01-05T00:00:00Z' + g * interval '647 seconds',
                        (ARRAY['openai', 'anthropic', 'searchco'])[g % 3 + 1],
                        CASE WHEN g % 3 = 2 THEN NULL ELSE 'm' || g % 4 END, 'e' || g % 2,
                        CASE WHEN g % 5 = 0 THEN NULL ELSE 'p' || g % 3 END, CASE WHEN g % 7 = 0 THEN NULL ELSE 'k' || g % 4 END,
                        CASE WHEN g % 6 = 0 THEN NULL ELSE 'u' || g % 5 END, CASE WHEN g % 11 = 0 THEN 'error' ELSE 'success' END,
                        100, 10, 0, 0, 5, 0, 0.001, true, 'catalog',
                        jsonb_build_object('env', CASE WHEN g % 2 = 0 THEN 'prod' ELSE 'dev' END),
                        CASE WHEN g % 4 = 0 THEN 'batch' ELSE 'standard' END,
                        CASE WHEN g % 3 = 1 THEN NULL
                             ELSE jsonb_build_object('webSearches', g % 5 + 1)
                                  || CASE WHEN g % 4 = 1 THEN '{"images": 2}'::jsonb ELSE '{}'::jsonb END END,
                        CASE WHEN g % 3 <> 1 AND g % 2 = 0 THEN jsonb_build_object('webSearches', (g % 5 + 1) * 0.01) END
                    FROM generate_series(1, 400) AS g""");
            // Two calls whose unit quantities add up past the range of a long.
            statement.execute("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, user_id, status, input_tokens,
                        cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source, units)
                    VALUES ('huge', 'h1', '2026-01-06T10:00:00Z', 'searchco', NULL, 'search', 'u1', 'success', 0, 0, 0, 0, 0, 0, false,
                            'unpriced', '{"requests": 9223372036854775807}'),
                           ('huge', 'h2', '2026-01-06T10:20:00Z', 'searchco', NULL, 'search', 'u1', 'success', 0, 0, 0, 0, 0, 0, false,
                            'unpriced', '{"requests": 9223372036854775000}')""");
            statement.execute("SELECT rebuild_usage_rollups('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')");
        }
    }

    @Test
    void everyBreakdownsUnitsEqualTheRawEventsSumsPerKey() throws SQLException {
        Map<String, String> byColumn = new TreeMap<>(Map.of("provider", "provider", "model", "model", "endpoint", "endpoint",
                "project", "project", "apiKey", "api_key", "serviceTier", "service_tier", "status", "status", "user", "user_id",
                "tag:env", "tags ->> 'env'"));
        for (String range : List.of(WHOLE_DAYS, UNALIGNED)) {
            for (var by : byColumn.entrySet()) {
                assertBreakdown(range, by.getKey(), by.getValue(), "", "true");
            }
        }
    }

    @Test
    void filteredBreakdownsAndSummariesUnitsEqualTheRawEventsSums() throws SQLException {
        for (String range : List.of(WHOLE_DAYS, UNALIGNED)) {
            // one dimension (one-dimension rollup), the same one as grouped, status beside it
            assertBreakdown(range, "model", "model", "&provider=openai", "provider = 'openai'");
            assertBreakdown(range, "provider", "provider", "&provider=openai&provider=searchco",
                    "provider IN ('openai', 'searchco')");
            assertBreakdown(range, "provider", "provider", "&status=error", "status = 'error'");
            assertBreakdown(range, "serviceTier", "service_tier", "&project=", "project IS NULL");
            // two dimensions and more (the all-dimension rollup)
            assertBreakdown(range, "project", "project", "&provider=openai&model=m1", "provider = 'openai' AND model = 'm1'");
            assertBreakdown(range, "apiKey", "api_key", "&serviceTier=batch&endpoint=e0&status=success",
                    "service_tier = 'batch' AND endpoint = 'e0' AND status = 'success'");
            assertBreakdown(range, "model", "model", "&model=&apiKey=k1", "model IS NULL AND api_key = 'k1'");
            // user and tags (the raw events with units)
            assertBreakdown(range, "provider", "provider", "&user=u1", "user_id = 'u1'");
            assertBreakdown(range, "apiKey", "api_key", "&tag.env=prod", "tags ->> 'env' = 'prod'");

            assertThat(units(get("/api/v1/usage/summary?tenant=units&" + range + "&provider=openai&endpoint=e1").path("units")))
                    .as("summary, %s", range)
                    .isEqualTo(expected(range, "NULL", "provider = 'openai' AND endpoint = 'e1'").get("null"))
                    .isNotEmpty();
            assertThat(units(get("/api/v1/usage/summary?tenant=units&" + range).path("units")))
                    .isEqualTo(expected(range, "NULL", "true").get("null"));
        }
    }

    @Test
    void quantitiesPastTheRangeOfALongAreAnsweredExactly() {
        BigInteger sum = new BigInteger("18446744073709550807");
        // the second range reads the first call from the 10:00 quarter's rollups and the second from the raw events after 10:15
        for (String range : List.of(WHOLE_DAYS, "from=2026-01-06T09:50:30Z&to=2026-01-06T10:27:10Z")) {
            JsonNode summary = get("/api/v1/usage/summary?tenant=huge&" + range);
            assertThat(summary.path("units").path("requests").path("quantity").bigIntegerValue()).as(range).isEqualTo(sum);
            assertThat(summary.path("units").path("requests").path("unpricedQuantity").bigIntegerValue()).isEqualTo(sum);
            for (String by : List.of("model", "user", "provider")) {
                JsonNode breakdown = get("/api/v1/usage/breakdown?tenant=huge&" + range + "&by=" + by);
                assertThat(breakdown.path("rows").get(0).path("units").path("requests").path("quantity").bigIntegerValue())
                        .as("by %s, %s", by, range).isEqualTo(sum);
                assertThat(breakdown.path("total").path("units").path("requests").path("quantity").bigIntegerValue()).isEqualTo(sum);
            }
        }
        JsonNode unpriced = get("/api/v1/prices/unpriced?tenant=huge&" + WHOLE_DAYS);
        assertThat(unpriced.path("units").get(0).path("quantity").bigIntegerValue()).isEqualTo(sum);
    }

    private void assertBreakdown(String range, String by, String column, String filters, String where) throws SQLException {
        JsonNode breakdown = get("/api/v1/usage/breakdown?tenant=units&" + range + "&by=" + by + "&limit=100" + filters);
        Map<String, Map<String, List<Object>>> answered = new TreeMap<>();
        for (JsonNode row : breakdown.path("rows")) {
            Map<String, List<Object>> units = units(row.path("units"));
            if (!units.isEmpty()) {
                answered.put(row.path("key").isNull() ? "null" : row.path("key").asString(), units);
            }
        }
        Map<String, Map<String, List<Object>>> expected = expected(range, column, where);
        assertThat(breakdown.path("other").isNull() || breakdown.path("other").isMissingNode()).as("every key shown").isTrue();
        assertThat(answered).as("by=%s%s, %s", by, filters, range).isEqualTo(expected);
        assertThat(units(breakdown.path("total").path("units"))).as("total, by=%s%s, %s", by, filters, range)
                .isEqualTo(expected(range, "NULL", where).getOrDefault("null", Map.of()));
    }

    /** {unit: [quantity, cost, unpriced quantity]} of an answer's {@code units}. */
    static Map<String, List<Object>> units(JsonNode units) {
        Map<String, List<Object>> result = new TreeMap<>();
        units.properties().forEach(e -> result.put(e.getKey(), List.of(e.getValue().path("quantity").bigIntegerValue(),
                e.getValue().path("costUsd").decimalValue().stripTrailingZeros(),
                e.getValue().path("unpricedQuantity").bigIntegerValue())));
        return result;
    }

    /** The raw events' units per key ("null" for none), summed in SQL: {key: {unit: [quantity, cost, unpriced quantity]}}. */
    private static Map<String, Map<String, List<Object>>> expected(String range, String key, String where) throws SQLException {
        String from = param(range, "from");
        String to = param(range, "to");
        Map<String, Map<String, List<Object>>> result = new TreeMap<>();
        try (Connection connection = jdbc();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT coalesce(" + key + ", 'null'), u.key, sum(u.value::numeric),"
                        + " sum(coalesce((unit_costs ->> u.key)::numeric, 0)),"
                        + " sum(CASE WHEN jsonb_exists(coalesce(unit_costs, '{}'), u.key) THEN 0 ELSE u.value::numeric END)"
                        + " FROM usage_event CROSS JOIN LATERAL jsonb_each_text(units) AS u(key, value)"
                        + " WHERE tenant = 'units' AND event_time >= '" + from + "' AND event_time < '" + to + "' AND " + where
                        + " GROUP BY 1, 2")) {
            while (rows.next()) {
                result.computeIfAbsent(rows.getString(1), k -> new TreeMap<>()).put(rows.getString(2),
                        List.of(rows.getBigDecimal(3).toBigIntegerExact(), rows.getBigDecimal(4).stripTrailingZeros(),
                                rows.getBigDecimal(5).toBigIntegerExact()));
            }
        }
        return result;
    }

    private static String param(String range, String name) {
        for (String part : range.split("&")) {
            if (part.startsWith(name + "=")) {
                String value = part.substring(name.length() + 1);
                return value.length() == 10 ? value + "T00:00:00Z" : value;
            }
        }
        throw new IllegalArgumentException(range);
    }

    private JsonNode get(String uri) {
        byte[] body = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60))
                .defaultHeader("Authorization", "Bearer " + OPERATOR).build()
                .get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
    }
}
