package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.ingest.pricing.TenantPrices;
import dev.tokenmeter.pricing.Cost;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 21 end to end through the real broker and database: google_ai Gemini calls, batch-tier calls,
 * image and web-search units, a model-less call priced by a tenant's per-request price, one without
 * any price, and a tenant's own provider alias. The stored costs, what the summary reads (the tenant's
 * totals rows), what a breakdown by serviceTier reads (dim 'service_tier'), the units totals and the
 * unpriced units are exact, and a rebuild of the rollups from the raw events gives the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "tokenmeter.ingest.pricing.refresh=2s")
class TiersUnitsAndAliasesIT {

    static final IngestHarness harness = new IngestHarness("tiers_units");
    static final Instant AT = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    static final String TENANT = "pc-acme";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        harness.register(registry);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @Autowired
    TenantPrices prices;

    @Test
    void tiersUnitsAliasesAndModelLessCallsAreStoredRolledUpAndTotalledExactly() throws Exception {
        try (Connection connection = harness.connect(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO price_override (tenant, provider, model, endpoint, effective_from, input, output, units)"
                    + " VALUES ('" + TENANT + "', 'weatherco', '', 'forecast', '" + AT.minus(Duration.ofDays(1))
                    + "', 0, 0, '{\"requests\": 0.0015}')");
            statement.execute("INSERT INTO provider_alias (tenant, alias, provider) VALUES ('" + TENANT + "', 'my-proxy', 'openai')");
        }
        UsageEvent probe = new UsageEvent("probe", TENANT, AT, "my-proxy", "gpt-4o-mini", "chat", null, null, null,
                Status.SUCCESS, null, null, new Usage(1, 0, 0, 0, 0), null, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> prices.cost(probe).priced());

        // Prices: https://ai.google.dev/gemini-api/docs/pricing, https://platform.openai.com/docs/pricing,
        // https://platform.claude.com/docs/en/about-claude/pricing (the unit tests of core name each one).
        Map<String, String> expected = new TreeMap<>();
        send("gemini-1",
                "\"provider\":\"google_ai\",\"model\":\"gemini-2.5-flash\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":1000}");
        expected.put("gemini-1", "0.0028");
        send("gemini-2", "\"provider\":\"gemini\",\"model\":\"gemini-2.5-flash\",\"usage\":{\"inputTokens\":2000}");
        expected.put("gemini-2", "0.0006");
        send("batch-1", "\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"serviceTier\":\"batch\","
                + "\"usage\":{\"inputTokens\":1000,\"outputTokens\":1000}");
        expected.put("batch-1", "0.000375");
        send("batch-2", "\"provider\":\"anthropic\",\"model\":\"claude-haiku-4-5\",\"serviceTier\":\"batch\","
                + "\"usage\":{\"inputTokens\":10000,\"outputTokens\":1000}");
        expected.put("batch-2", "0.0075");
        send("image-1", "\"provider\":\"openai\",\"model\":\"dall-e-3\",\"endpoint\":\"images.generations\","
                + "\"usage\":{\"units\":{\"images.1024x1024.standard\":2}}");
        expected.put("image-1", "0.08");
        send("search-1", "\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":200,"
                + "\"units\":{\"webSearches\":3}}");
        expected.put("search-1", "0.07527");
        send("search-2", "\"provider\":\"openai\",\"model\":\"gpt-4.1-nano\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":1000,"
                + "\"units\":{\"webSearches\":2}}");
        expected.put("search-2", "0.0005");
        send("weather-1", "\"provider\":\"weatherco\",\"endpoint\":\"forecast\",\"usage\":{\"units\":{\"requests\":4}}");
        expected.put("weather-1", "0.006");
        send("unknown-api", "\"provider\":\"searchco\",\"endpoint\":\"search\",\"usage\":{\"units\":{\"requests\":1}}");
        expected.put("unknown-api", "0");
        send("proxy-1", "\"provider\":\"my-proxy\",\"model\":\"gpt-4o-mini\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":1000}");
        expected.put("proxy-1", "0.00075");
        harness.awaitConsumed();

        try (Connection connection = harness.connect()) {
            Map<String, String> stored = new TreeMap<>();
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT id, cost_usd FROM usage_event WHERE tenant = '" + TENANT + "'")) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getBigDecimal(2).stripTrailingZeros().toPlainString());
                }
            }
            assertThat(stored).isEqualTo(expected);
            assertThat(row(connection, "SELECT provider, model, service_tier, priced::text, price_ref FROM usage_event"
                    + " WHERE tenant = '" + TENANT + "' AND id = 'gemini-1'"))
                    .containsExactly("google_ai", "gemini-2.5-flash", "standard", "true", "google/gemini-2.5-flash@2025-11-07T00:00:00Z");
            assertThat(row(connection, "SELECT coalesce(model, 'NULL'), priced::text, price_ref FROM usage_event"
                    + " WHERE tenant = '" + TENANT + "' AND id = 'weather-1'"))
                    .containsExactly("NULL", "true", "override:weatherco/@forecast@" + AT.minus(Duration.ofDays(1)));
            assertThat(row(connection, "SELECT priced::text, cost_source FROM usage_event WHERE tenant = '" + TENANT
                    + "' AND id = 'unknown-api'")).containsExactly("false", "unpriced");
            assertThat(row(connection, "SELECT price_ref FROM usage_event WHERE tenant = '" + TENANT + "' AND id = 'batch-1'"))
                    .containsExactly("openai/gpt-4o-mini@2024-07-18T00:00:00Z#batch");

            // What GET /usage/summary reads: the tenant's totals rows of the one-dimension rollup.
            BigDecimal total = expected.values().stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(row(connection, "SELECT sum(requests), sum(cost_usd), sum(unpriced_requests) FROM usage_dim_rollup_1d"
                    + " WHERE tenant = '" + TENANT + "' AND dim = ''"))
                    .containsExactly("10", total.setScale(12).toPlainString(), "1");
            // What GET /usage/breakdown?by=serviceTier reads.
            assertThat(rows(connection, "SELECT value, sum(requests), sum(cost_usd) FROM usage_dim_rollup_15m"
                    + " WHERE tenant = '" + TENANT + "' AND dim = 'service_tier' GROUP BY value ORDER BY value"))
                    .containsExactly(
                            List.of("batch", "2", "0.007875000000"),
                            List.of("standard", "8", total.subtract(new BigDecimal("0.007875")).setScale(12).toPlainString()));
            List<List<String>> units = units(connection);
            assertThat(units).containsExactly(
                    List.of("images.1024x1024.standard", "2", "0.080000000000", "0"),
                    List.of("requests", "5", "0.006000000000", "1"),
                    List.of("webSearches", "5", "0.075000000000", "2"));
            Totals.assertRollupsMatchRawEvents(connection, List.of(TENANT));

            connection.createStatement().execute("SELECT rebuild_usage_rollups('" + TENANT + "', '" + AT.minus(Duration.ofDays(1))
                    + "', '" + AT.plus(Duration.ofDays(1)) + "')");
            assertThat(units(connection)).as("the rebuild from raw events gives the same units totals").isEqualTo(units);
            Totals.assertRollupsMatchRawEvents(connection, List.of(TENANT));
        }
    }

    @Test
    void anAliasSavedForATenantIsLoadedThroughTheNotification() throws Exception {
        UsageEvent call = new UsageEvent("p", "pc-other", AT, "corp-gateway", "gpt-4o-mini", "chat", null, null, null,
                Status.SUCCESS, null, null, new Usage(1000, 0, 0, 1000, 0), null, Map.of(), ServiceTier.STANDARD, Map.of());
        assertThat(prices.cost(call).priced()).isFalse();
        try (Connection connection = harness.connect(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO provider_alias (tenant, alias, provider) VALUES ('pc-other', 'corp-gateway', 'openai')");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> prices.cost(call).priced());
        Cost cost = prices.cost(call);
        assertThat(cost.usd()).isEqualByComparingTo("0.00075");
        try (Connection connection = harness.connect(); var statement = connection.createStatement()) {
            statement.execute("DELETE FROM provider_alias WHERE tenant = 'pc-other'");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !prices.cost(call).priced());
    }

    private static void send(String id, String fields) throws Exception {
        harness.send(TENANT, "{\"id\":\"" + id + "\",\"tenant\":\"" + TENANT + "\",\"time\":\"" + AT + "\"," + fields + "}").get();
    }

    private static List<List<String>> units(Connection connection) throws Exception {
        return rows(connection, "SELECT unit, sum(quantity), sum(cost_usd), sum(unpriced_quantity) FROM usage_unit_rollup_15m"
                + " WHERE tenant = '" + TENANT + "' GROUP BY unit ORDER BY unit");
    }

    private static List<String> row(Connection connection, String sql) throws Exception {
        List<List<String>> rows = rows(connection, sql);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<List<String>> rows(Connection connection, String sql) throws Exception {
        List<List<String>> result = new java.util.ArrayList<>();
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                List<String> row = new java.util.ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
        }
        return result;
    }
}
