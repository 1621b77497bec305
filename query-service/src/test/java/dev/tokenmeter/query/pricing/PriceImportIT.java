package dev.tokenmeter.query.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/prices/import} over HTTP against the real PostgreSQL: the committed LiteLLM and
 * genai-prices samples are diffed against the tenant's prices, saved as tenant prices, and a second
 * import of the same file changes nothing (not one row, not one {@code updated_at}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tokenmeter.query.operator-key=" + PriceImportIT.OPERATOR,
        "tokenmeter.query.price-import.max-size=64KB"})
@WithInfrastructure
class PriceImportIT {

    static final String OPERATOR = "op-secret-of-the-price-import-it-0123456789";
    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(PriceImportIT.class);
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @LocalServerPort
    int port;

    @Test
    void importingTheLiteLlmSampleTwiceSavesItsPricesOnceAndTheSecondImportChangesNothing() throws Exception {
        String admin = api().key("acme", "admin");
        String viewer = api().key("acme", "viewer");
        String litellm = sample("litellm-sample.json");
        assertThat(post("acme-never", viewer, "effectiveFrom=2026-12-01", litellm).getStatus().value()).isEqualTo(403);
        // The tenant's own earlier price of one model: the import shows it as changed, with what it was.
        api().send("PUT", "/api/v1/prices", admin, """
                {"provider":"bedrock","model":"ai21.jamba-1-5-mini-v1:0","effectiveFrom":"2026-01-01","input":0.1,"output":0.1}""");

        JsonNode dry = ok(post(null, admin, "effectiveFrom=2026-12-01&dryRun=true", litellm));
        assertThat(dry.get("dryRun").booleanValue()).isTrue();
        assertThat(counts(dry)).isEqualTo(List.of(5, 1, 3, 6));
        assertThat(rows("acme")).as("a dry run saves nothing").hasSize(1);

        JsonNode applied = ok(post(null, admin, "effectiveFrom=2026-12-01", litellm));
        assertThat(applied.get("dryRun").booleanValue()).isFalse();
        assertThat(applied.get("format").asString()).isEqualTo("litellm");
        assertThat(counts(applied)).isEqualTo(List.of(5, 1, 3, 6));
        JsonNode changed = applied.get("changed").get(0);
        assertThat(changed.get("key").asString()).isEqualTo("ai21.jamba-1-5-mini-v1:0");
        assertThat(changed.get("before").get("source").asString()).isEqualTo("override");
        assertThat(changed.get("before").get("input").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(changed.get("prices").get("input").get("raw").asString()).isEqualTo("2E-7");
        assertThat(changed.get("prices").get("input").get("perMillion").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(names(applied.get("unchanged"))).as("batch, priority and audio prices equal to the catalog's")
                .containsExactlyInAnyOrder("openai/gpt-4o-mini", "openai/gpt-4o-mini-2024-07-18", "openai/gpt-4o-mini-audio-preview");
        assertThat(applied.get("skipped").toString()).contains("gpt-4o-search-preview [units]", "search_context_cost_per_query",
                "mode image_generation not supported").doesNotContain("[batch]", "[priority]");
        JsonNode search = find(applied.get("added"), "openai/gpt-4o-search-preview");
        assertThat(search.get("serviceTiers").get("batch").get("input").get("raw").asString()).isEqualTo("0.00000125");
        assertThat(search.get("serviceTiers").get("batch").get("input").get("perMillion").decimalValue()).isEqualByComparingTo("1.25");

        List<String> saved = snapshot("acme");
        assertThat(rows("acme")).hasSize(7).contains(
                "openai/gpt-4o-search-preview@2026-12-01 00:00:00+00 2.5/10 cached 1.25 tiers {\"batch\": {\"multiplier\": 0.5}} units null",
                "bedrock/ai21.jamba-1-5-mini-v1:0@2026-12-01 00:00:00+00 0.2/0.4 cached null tiers null units null",
                "bedrock/ai21.jamba-1-5-mini-v1:0@2026-01-01 00:00:00+00 0.1/0.1 cached null tiers null units null");
        // The saved prices are the tenant's list prices, as a PUT would make them.
        JsonNode list = ok(api().send("GET", "/api/v1/prices?provider=openai&q=gpt-4o-search-preview", viewer, null));
        assertThat(list.get("items").get(0).get("source").asString()).isEqualTo("override");
        assertThat(list.get("items").get(0).get("current").get("input").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(list.get("items").get(0).get("current").get("serviceTiers").get("batch").get("multiplier").decimalValue())
                .as("LiteLLM's batch prices, half of both standard ones").isEqualByComparingTo("0.5");

        JsonNode again = ok(post(null, admin, "effectiveFrom=2026-12-01", litellm));
        assertThat(counts(again)).isEqualTo(List.of(0, 0, 9, 6));
        assertThat(snapshot("acme")).as("rows and their updated_at").isEqualTo(saved);
    }

    @Test
    void importingTheGenAiPricesSampleTwiceWithTheOperatorKeyChangesNothingTheSecondTime() throws Exception {
        String genai = sample("genai-prices-sample.json");
        assertThat(post(null, OPERATOR, "effectiveFrom=2026-12-01", genai).getStatus().value())
                .as("the operator names the tenant").isEqualTo(400);

        JsonNode first = ok(post("globex", OPERATOR, "effectiveFrom=2026-12-01T00:00:00Z&format=genai-prices", genai));
        List<Integer> counts = counts(first);
        assertThat(counts.get(0)).as("added").isGreaterThan(0);
        assertThat(names(first.get("unchanged"))).as("equal to the built-in catalog's, so not written")
                .contains("openai/o3", "xai/grok-code-fast-1", "groq/llama-3.3-70b-versatile", "anthropic/claude-3-5-sonnet");
        JsonNode qwen = find(first.get("added"), "huggingface_together/qwen/qwen3-vl-8b-instruct");
        assertThat(qwen.get("prices").get("input").get("raw").asString()).isEqualTo("0.18000000000000002");
        assertThat(qwen.get("prices").get("input").get("perMillion").decimalValue()).isEqualByComparingTo("0.18");
        assertThat(qwen.get("prices").get("input").get("rounded").booleanValue()).isTrue();
        List<String> saved = snapshot("globex");
        assertThat(rows("globex")).hasSize(counts.get(0) + counts.get(1))
                .contains("openrouter/google/gemini-2.5-flash-lite@2026-12-01 00:00:00+00 0.1/0.4 cached 0.01 tiers null units null");

        JsonNode second = ok(post("globex", OPERATOR, "effectiveFrom=2026-12-01", genai));
        assertThat(counts(second)).isEqualTo(List.of(0, 0, counts.get(0) + counts.get(1) + counts.get(2), counts.get(3)));
        assertThat(snapshot("globex")).isEqualTo(saved);
    }

    @Test
    void badImportsAreProblemsNamingWhatIsWrong() throws Exception {
        String admin = api().key("initech", "admin");
        EntityExchangeResult<String> noDate = post(null, admin, "dryRun=true", "{}");
        assertThat(noDate.getStatus().value()).isEqualTo(400);
        assertThat(JSON.readTree(noDate.getResponseBody()).get("parameter").asString()).isEqualTo("effectiveFrom");

        EntityExchangeResult<String> notJson = post(null, admin, "effectiveFrom=2026-12-01", "{not json");
        assertThat(JSON.readTree(notJson.getResponseBody()).get("parameter").asString()).isEqualTo("body");

        EntityExchangeResult<String> wrongFormat = post(null, admin, "effectiveFrom=2026-12-01&format=litellm", "[]");
        assertThat(JSON.readTree(wrongFormat.getResponseBody()).get("parameter").asString()).isEqualTo("format");

        EntityExchangeResult<String> tooLarge = post(null, admin, "effectiveFrom=2026-12-01",
                "{\"x\":\"" + "a".repeat(70 * 1024) + "\"}");
        assertThat(tooLarge.getStatus().value()).isEqualTo(413);
        assertThat(tooLarge.getResponseHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(rows("initech")).isEmpty();
    }

    @Test
    void theOpenApiDocumentDescribesTheImport() throws Exception {
        JsonNode document = JSON.readTree(Api.client(port).get().uri("/api/v1/openapi.json").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        JsonNode operation = document.get("paths").get("/api/v1/prices/import").get("post");
        assertThat(operation.get("description").asString()).contains("rounded half-even to 6 decimals");
        assertThat(operation.get("parameters").toString()).contains("effectiveFrom", "dryRun", "format");
        assertThat(operation.get("responses").get("200").toString()).contains("PriceImportResult");
    }

    private static List<Integer> counts(JsonNode result) {
        JsonNode counts = result.get("counts");
        return List.of(counts.get("added").intValue(), counts.get("changed").intValue(), counts.get("unchanged").intValue(),
                counts.get("skipped").intValue());
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.get("provider").asString() + "/" + item.get("model").asString()));
        return names;
    }

    private static JsonNode find(JsonNode items, String name) {
        for (JsonNode item : items) {
            if ((item.get("provider").asString() + "/" + item.get("model").asString()).equals(name)) {
                return item;
            }
        }
        throw new AssertionError(name + " not in " + items);
    }

    /** The tenant's stored prices: {@code provider/model@effective_from input/output cached cached_input}. */
    private static List<String> rows(String tenant) throws SQLException {
        return query(tenant, false);
    }

    /** The stored prices with their {@code updated_at}, so that even a rewrite of the same values shows. */
    private static List<String> snapshot(String tenant) throws SQLException {
        return query(tenant, true);
    }

    private static List<String> query(String tenant, boolean withUpdatedAt) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                var statement = connection.prepareStatement(
                        """
                                SELECT provider || '/' || model || '@' || to_char(effective_from AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00 '
                                       || input || '/' || output || ' cached ' || coalesce(cached_input::text, 'null')
                                       || ' tiers ' || coalesce(service_tiers::text, 'null') || ' units ' || coalesce(units::text, 'null'), updated_at
                                FROM price_override WHERE tenant = ? ORDER BY 1""")) {
            statement.setString(1, tenant);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + (withUpdatedAt ? " updated " + result.getTimestamp(2).toInstant() : ""));
                }
            }
        }
        return rows;
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = PriceImportIT.class.getResourceAsStream("/price-import/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode ok(EntityExchangeResult<String> result) {
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(200);
        return JSON.readTree(result.getResponseBody());
    }

    private EntityExchangeResult<String> post(String tenant, String key, String query, String body) {
        return api().send("POST", "/api/v1/prices/import?" + query + (tenant == null ? "" : "&tenant=" + tenant), key, body);
    }

    private Api api() {
        return new Api(port, OPERATOR);
    }
}
