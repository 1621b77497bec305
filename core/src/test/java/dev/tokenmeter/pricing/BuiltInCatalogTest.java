package dev.tokenmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.jsonschema.JsonSchemas;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shipped catalog: valid against its schema, sourced, and every alias rule lands on a priced model. */
class BuiltInCatalogTest {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "google", "mistral", "deepseek", "xai",
            "cohere", "groq", "together");

    final JsonNode catalog = read(PriceCatalog.BUILT_IN);
    final JsonSchemas schema = JsonSchemas.load("/dev/tokenmeter/pricing/catalog.schema.json");

    @Test
    void catalogFileIsValidAgainstItsSchema() {
        assertThat(schema.validate(catalog)).isEmpty();
    }

    @Test
    void schemaRejectsAnEntryWithoutSourceOrWithAnUnknownField() {
        ObjectNode broken = (ObjectNode) catalog.deepCopy();
        ObjectNode first = (ObjectNode) broken.get("prices").get(0);
        first.remove("source");
        first.put("inputPrice", 1);
        ((ObjectNode) broken.get("prices").get(1)).put("input", -1);
        ((ObjectNode) broken.get("prices").get(2)).put("output", new java.math.BigDecimal("0.0000001"));

        assertThat(schema.validate(broken)).containsExactlyInAnyOrder(
                "/prices/0: required property 'source' not found",
                "/prices/0: property 'inputPrice' is not defined in the schema and the schema does not allow additional properties",
                "/prices/1/input: must have a minimum value of 0",
                "/prices/2/output: must be multiple of 0.000001");
    }

    @Test
    void everyEntryNamesItsSourcePageAndTheDateItWasRead() {
        for (JsonNode entry : catalog.get("prices")) {
            assertThat(entry.path("source").asString()).as(entry.toString()).startsWith("https://");
            assertThat(entry.path("checked").asString()).as(entry.toString()).matches("\\d{4}-\\d{2}-\\d{2}");
        }
    }

    @Test
    void coversTheNineProvidersWithAtLeastOneHundredFiftyEntries() {
        PriceCatalog builtIn = PriceCatalog.builtIn();
        Map<String, Long> perProvider = builtIn.prices().stream()
                .collect(Collectors.groupingBy(Price::provider, Collectors.counting()));

        assertThat(builtIn.prices()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(perProvider.keySet()).containsExactlyInAnyOrderElementsOf(PROVIDERS);
    }

    @Test
    void noModelHasTwoEntriesForTheSameDate() {
        Set<String> seen = new HashSet<>();
        for (Price price : PriceCatalog.builtIn().prices()) {
            assertThat(seen.add(price.reference())).as("duplicate " + price.reference()).isTrue();
        }
    }

    @Test
    void everyAliasExampleMapsToAPricedModelAndNoAliasShadowsAnExactName() {
        PriceCatalog builtIn = PriceCatalog.builtIn();
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        List<String> exactNames = builtIn.prices().stream().map(p -> p.provider() + "/" + p.model()).toList();
        for (JsonNode alias : catalog.get("aliases")) {
            String provider = alias.get("provider").asString();
            for (JsonNode example : alias.get("examples")) {
                String target = builtIn.alias(provider, example.asString());
                assertThat(target).as(example.asString()).isNotNull();
                assertThat(builtIn.findExact(provider, target, now)).as(example + " -> " + target).isPresent();
                assertThat(exactNames).as(example + " is priced exactly, so no rule is needed")
                        .doesNotContain(provider + "/" + example.asString());
            }
        }
    }

    @Test
    void snapshotsPricedDifferentlyFromTheirFamilyAreNotAliased() {
        assertThat(PriceCatalog.builtIn().alias("openai", "gpt-4o-2024-05-13")).isNull();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = PriceCatalog.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
