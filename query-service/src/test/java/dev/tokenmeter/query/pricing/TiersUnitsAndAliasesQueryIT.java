package dev.tokenmeter.query.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query side of API.md §4 against the real database: events stored as ingest stores them (a
 * batch-tier call, image and web-search units with one unpriced, a call without a model, an unpriced
 * model-less call), rollups built from them; the summary's units, the breakdown by serviceTier, the
 * "none" model filter, the unpriced list and the tenant's provider aliases answer exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789")
@WithInfrastructure
class TiersUnitsAndAliasesQueryIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(TiersUnitsAndAliasesQueryIT.class);
    static final Instant AT = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @LocalServerPort
    int port;

    @BeforeAll
    static void load(@Autowired org.flywaydb.core.Flyway flyway) throws Exception {
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                var statement = connection.createStatement()) {
            statement.execute("SELECT ensure_usage_event_partitions('" + AT.minus(Duration.ofDays(40)) + "', '"
                    + AT.plus(Duration.ofDays(40)) + "')");
            String insert = "INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, status, input_tokens,"
                    + " cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source,"
                    + " price_ref, service_tier, units, unit_costs) VALUES ";
            statement.execute(insert + String.join(", ",
                    row("b1", "openai", "'gpt-4o-mini'", "chat", 1000, 1000, "0.000375", true, "batch", null, null),
                    row("b2", "anthropic", "'claude-haiku-4-5'", "messages", 10000, 1000, "0.0075", true, "batch", null, null),
                    row("g1", "google_ai", "'gemini-2.5-flash'", "generate", 1000, 1000, "0.0028", true, "standard", null, null),
                    row("i1", "openai", "'dall-e-3'", "images", 0, 0, "0.08", true, "standard",
                            "{\"images.1024x1024.standard\": 2}", "{\"images.1024x1024.standard\": 0.08}"),
                    row("s1", "openai", "'gpt-4o-mini'", "chat", 1000, 200, "0.07527", true, "standard",
                            "{\"webSearches\": 3}", "{\"webSearches\": 0.075}"),
                    row("s2", "openai", "'gpt-4.1-nano'", "chat", 1000, 1000, "0.0005", true, "standard", "{\"webSearches\": 2}", null),
                    row("w1", "weatherco", "NULL", "forecast", 0, 0, "0.006", true, "standard",
                            "{\"requests\": 4}", "{\"requests\": 0.006}"),
                    row("u1", "searchco", "NULL", "search", 0, 0, "0", false, "standard", "{\"requests\": 1}", null)));
            statement.execute(
                    "SELECT rebuild_usage_rollups('acme', '" + AT.minus(Duration.ofDays(1)) + "', '" + AT.plus(Duration.ofDays(1)) + "')");
        }
    }

    private static String row(String id, String provider, String model, String endpoint, long input, long output, String cost,
            boolean priced, String tier, String units, String unitCosts) {
        return "('acme', '" + id + "', '" + AT.plusSeconds(id.hashCode() & 1023) + "', '" + provider + "', " + model + ", '" + endpoint
                + "', 'success', " + input + ", 0, 0, " + output + ", 0, " + cost + ", " + priced + ", '"
                + (priced ? "catalog" : "unpriced") + "', NULL, '" + tier + "', "
                + (units == null ? "NULL" : "'" + units + "'") + ", " + (unitCosts == null ? "NULL" : "'" + unitCosts + "'") + ")";
    }

    @Test
    void theSummaryCountsUnitsWithTheirCostsAndUnpricedQuantities() {
        JsonNode summary = get("/api/v1/usage/summary?tenant=acme&range=7d");

        assertThat(summary.path("requests").asLong()).isEqualTo(8);
        assertThat(summary.path("costUsd").decimalValue()).isEqualByComparingTo("0.172445");
        assertThat(summary.path("unpricedRequests").asLong()).isEqualTo(1);
        assertThat(summary.path("units").toString()).isEqualTo(
                "{\"images.1024x1024.standard\":{\"quantity\":2,\"costUsd\":0.08,\"unpricedQuantity\":0},"
                        + "\"requests\":{\"quantity\":5,\"costUsd\":0.006,\"unpricedQuantity\":1},"
                        + "\"webSearches\":{\"quantity\":5,\"costUsd\":0.075,\"unpricedQuantity\":2}}");
        JsonNode filtered = get("/api/v1/usage/summary?tenant=acme&range=7d&provider=openai");
        assertThat(filtered.path("units").path("webSearches").path("quantity").asLong()).isEqualTo(5);
        assertThat(filtered.path("units").has("requests")).isFalse();
    }

    @Test
    void aBreakdownByServiceTierSplitsRequestsAndCostsExactly() {
        JsonNode breakdown = get("/api/v1/usage/breakdown?tenant=acme&range=7d&by=serviceTier&sort=requests");

        assertThat(breakdown.path("rows")).hasSize(2);
        assertThat(breakdown.path("rows").get(0).path("key").asString()).isEqualTo("standard");
        assertThat(breakdown.path("rows").get(0).path("requests").asLong()).isEqualTo(6);
        assertThat(breakdown.path("rows").get(0).path("costUsd").decimalValue()).isEqualByComparingTo("0.16457");
        assertThat(breakdown.path("rows").get(1).path("key").asString()).isEqualTo("batch");
        assertThat(breakdown.path("rows").get(1).path("costUsd").decimalValue()).isEqualByComparingTo("0.007875");
        assertThat(breakdown.path("rows").get(1).path("units").isEmpty()).isTrue();
        JsonNode batchOnly = get("/api/v1/usage/summary?tenant=acme&range=7d&serviceTier=batch");
        assertThat(batchOnly.path("requests").asLong()).isEqualTo(2);
    }

    @Test
    void callsWithoutAModelAreKeyNullAndSelectedByAnEmptyModelFilter() {
        JsonNode byModel = get("/api/v1/usage/breakdown?tenant=acme&range=7d&by=model&sort=requests&limit=10");
        JsonNode none = null;
        for (JsonNode row : byModel.path("rows")) {
            if (row.path("key").isNull()) {
                none = row;
            }
        }
        assertThat(none).isNotNull();
        assertThat(none.path("requests").asLong()).isEqualTo(2);
        assertThat(none.path("units").path("requests").path("unpricedQuantity").asLong()).isEqualTo(1);

        JsonNode modelLess = get("/api/v1/usage/summary?tenant=acme&range=7d&model=");
        assertThat(modelLess.path("requests").asLong()).isEqualTo(2);
        assertThat(modelLess.path("costUsd").decimalValue()).isEqualByComparingTo("0.006");
        JsonNode log = get("/api/v1/usage/events?tenant=acme&range=7d&model=");
        assertThat(log.path("items")).hasSize(2);
        assertThat(log.path("items").get(0).path("model").isNull()).isTrue();
    }

    @Test
    void theUnpricedListNamesModelLessCallsAndUnpricedUnits() {
        JsonNode unpriced = get("/api/v1/prices/unpriced?tenant=acme");

        assertThat(unpriced.path("items")).hasSize(1);
        assertThat(unpriced.path("items").get(0).path("provider").asString()).isEqualTo("searchco");
        assertThat(unpriced.path("items").get(0).path("model").isNull()).isTrue();
        assertThat(unpriced.path("items").get(0).path("endpoint").asString()).isEqualTo("search");
        assertThat(unpriced.path("units").toString()).contains("\"unit\":\"webSearches\"", "\"quantity\":2",
                "\"unit\":\"requests\"");
        assertThat(unpriced.path("units")).hasSize(2);
    }

    @Test
    void aTenantSetsListsAndRemovesItsProviderAliasesAndThePriceListShowsThem() {
        WebTestClient client = client();
        client.put().uri("/api/v1/prices/aliases?tenant=acme").header("Content-Type", "application/json")
                .bodyValue("{\"alias\": \"My-Proxy\", \"provider\": \"openai\"}")
                .exchange().expectStatus().isOk();

        assertThat(get("/api/v1/prices/aliases?tenant=acme").toString()).isEqualTo("{\"my-proxy\":\"openai\"}");
        JsonNode aliases = get("/api/v1/prices?tenant=acme&provider=openai").path("providerAliases");
        assertThat(aliases.path("tenant").path("my-proxy").asString()).isEqualTo("openai");
        assertThat(aliases.path("builtin").path("google_ai").asString()).isEqualTo("google");
        assertThat(aliases.path("byModelPrefix").path("aws.bedrock").path("anthropic.").asString()).isEqualTo("anthropic");

        client.delete().uri("/api/v1/prices/aliases/my-proxy?tenant=acme").exchange().expectStatus().isNoContent();
        client.delete().uri("/api/v1/prices/aliases/my-proxy?tenant=acme").exchange().expectStatus().isNotFound();
        client.put().uri("/api/v1/prices/aliases?tenant=acme").header("Content-Type", "application/json")
                .bodyValue("{\"alias\": \"bad name\", \"provider\": \"openai\"}")
                .exchange().expectStatus().isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aTenantSetsServiceTierUnitAndModelLessPricesOverHttpWithExactDecimals() {
        JsonNode house = put("""
                {"provider": "Acme-AI", "model": "House-LLM-2", "effectiveFrom": "2026-01-01", "input": 0.1, "output": 1.000000,
                 "serviceTiers": {"batch": {"multiplier": 0.5}, "priority": {"input": 0.25, "output": 2.5, "cachedInput": 0.025}},
                 "units": {"webSearches": 0.01, "audioInputTokens": 0.00004}}""", HttpStatus.OK);
        assertThat(house.path("model").asString()).isEqualTo("house-llm-2");
        assertThat(house.path("source").asString()).isEqualTo("override");
        JsonNode current = house.path("current");
        assertThat(current.path("input").decimalValue()).isEqualTo(new java.math.BigDecimal("0.1"));
        assertThat(current.path("output").decimalValue()).isEqualTo(new java.math.BigDecimal("1"));
        assertThat(current.path("serviceTiers").path("batch").path("multiplier").decimalValue()).isEqualTo(new java.math.BigDecimal("0.5"));
        assertThat(current.path("serviceTiers").path("priority").path("cachedInput").decimalValue())
                .isEqualTo(new java.math.BigDecimal("0.025"));
        assertThat(current.path("units").path("audioInputTokens").decimalValue()).isEqualTo(new java.math.BigDecimal("0.00004"));

        JsonNode geocode = put("""
                {"provider": "mapsco", "endpoint": "geocode", "effectiveFrom": "2026-01-01T00:00:00Z", "units": {"requests": 0.002}}""",
                HttpStatus.OK);
        assertThat(geocode.path("model").asString()).isEqualTo("@geocode");
        assertThat(geocode.path("current").path("endpoint").asString()).isEqualTo("geocode");
        assertThat(geocode.path("current").path("units").path("requests").decimalValue()).isEqualTo(new java.math.BigDecimal("0.002"));
        assertThat(geocode.path("current").path("input").decimalValue()).isEqualByComparingTo("0");

        // stored, not only answered: the list read back from the database shows both
        JsonNode listed = get("/api/v1/prices?tenant=acme&provider=mapsco").path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("current").path("units").path("requests").decimalValue())
                .isEqualTo(new java.math.BigDecimal("0.002"));
        JsonNode again = get("/api/v1/prices?tenant=acme&provider=acme-ai&q=house-llm-2").path("items").get(0).path("current");
        assertThat(again.path("serviceTiers").path("priority").path("output").decimalValue()).isEqualTo(new java.math.BigDecimal("2.5"));
    }

    @Test
    void everyBadFieldOfAPriceIsA400NamingIt() {
        String valid = "\"provider\": \"p\", \"model\": \"m\", \"effectiveFrom\": \"2026-01-01\", \"input\": 1";
        assertNamed("{" + valid + ", \"output\": \"2\"}", "output");
        assertNamed("{" + valid + ", \"output\": 1, \"tier\": 1}", "tier");
        assertNamed("{" + valid + ", \"output\": 1, \"reasoning\": 0.0000001}", "reasoning");
        assertNamed("{" + valid + "}", "output");
        assertNamed("{" + valid + ", \"output\": -1}", "output");
        assertNamed("{\"provider\": 5, \"model\": \"m\", \"effectiveFrom\": \"2026-01-01\", \"input\": 1, \"output\": 1}",
                "provider");
        assertNamed("{\"model\": \"m\", \"effectiveFrom\": \"2026-01-01\", \"input\": 1, \"output\": 1}", "provider");
        assertNamed("{\"provider\": \"p\", \"model\": \"\", \"effectiveFrom\": \"2026-01-01\", \"input\": 1, \"output\": 1}",
                "model");
        assertNamed("{\"provider\": \"p\", \"effectiveFrom\": \"2026-01-01\", \"input\": 1, \"output\": 1}", "model");
        assertNamed("{" + valid.replace("2026-01-01", "yesterday") + ", \"output\": 1}", "effectiveFrom");
        assertNamed("{" + valid + ", \"output\": 1, \"endpoint\": \"chat\"}", "endpoint");
        assertNamed("{" + valid + ", \"output\": 1, \"serviceTiers\": {\"standard\": {\"multiplier\": 1}}}", "serviceTiers.standard");
        assertNamed("{" + valid + ", \"output\": 1, \"serviceTiers\": {\"batch\": {\"input\": 1}}}", "serviceTiers.batch");
        assertNamed("{" + valid + ", \"output\": 1, \"serviceTiers\": {\"batch\": {\"multiplier\": \"half\"}}}",
                "serviceTiers.batch.multiplier");
        assertNamed("{" + valid + ", \"output\": 1, \"units\": {\"requests\": -0.5}}", "units[requests]");
        assertNamed("[1]", "body");
        assertNamed("{oops", "body");
        assertNamed("", "body");
    }

    @Test
    void theOpenApiDocumentDescribesThePriceBodyByItsRecord() {
        JsonNode document = get("/api/v1/openapi.json");
        JsonNode put = document.path("paths").path("/api/v1/prices").path("put");
        assertThat(put.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/PriceBody");
        JsonNode body = document.path("components").path("schemas").path("PriceBody");
        assertThat(body.path("required").toString()).contains("provider", "effectiveFrom");
        assertThat(body.path("properties").has("serviceTiers")).isTrue();
        assertThat(body.path("properties").has("units")).isTrue();
        assertThat(body.path("properties").path("endpoint").path("maxLength").intValue()).isEqualTo(128);
        // Optional (a price without a model has none), so nullable: ["number", "null"].
        assertThat(body.path("properties").path("input").path("type").toString()).isEqualTo("[\"number\",\"null\"]");
        assertThat(document.path("components").path("schemas").has("TierPriceBody")).isTrue();
    }

    private void assertNamed(String body, String field) {
        JsonNode problem = put(body, HttpStatus.BAD_REQUEST);
        assertThat(problem.path("parameter").asString()).as(body + " -> " + problem).isEqualTo(field);
        assertThat(problem.path("detail").asString()).as(body).startsWith(field + ": ");
    }

    private JsonNode put(String body, HttpStatus status) {
        byte[] answer = client().put().uri("/api/v1/prices?tenant=acme").header("Content-Type", "application/json")
                .bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return JSON.readTree(answer);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60))
                .defaultHeader("Authorization", "Bearer op-secret-0123456789abcdef0123456789")
                .build();
    }

    private JsonNode get(String uri) {
        byte[] body = client().get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }
}
