package dev.tokenmeter.pricing;

import static dev.tokenmeter.pricing.PriceCatalogTest.dec;
import static dev.tokenmeter.pricing.PriceCatalogTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.Usage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model matching: exact names first, then the catalog's alias rules; tenant prices before catalog prices. */
class MatchingTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant LATER = Instant.parse("2026-01-01T00:00:00Z");
    static final Usage MILLION_IN = new Usage(1_000_000, 0, 0, 0, 0);

    final PriceCatalog catalog = PriceCatalog.of(List.of(
            new Price("openai", "gpt-4o", T0, dec("2.50"), dec("10"), dec("1.25"), null, null, "https://example"),
            new Price("openai", "gpt-4o-2024-05-13", T0, dec("5"), dec("15"), null, null, null, "https://example"),
            new Price("anthropic", "claude-sonnet-4-5", T0, dec("3"), dec("15"), dec("0.30"), dec("3.75"), null, "https://example")),
            List.of(ModelAlias.of("openai", "^gpt-4o-\\d{4}-\\d{2}-\\d{2}$", "gpt-4o"),
                    ModelAlias.of("anthropic", "^(claude-[a-z0-9-]+?)-\\d{8}$", "$1")));

    @Test
    void exactNameWinsOverAnAliasRuleThatAlsoMatches() {
        Cost cost = catalog.cost(event("openai", "gpt-4o-2024-05-13", LATER, MILLION_IN, null));

        assertThat(cost.usd()).isEqualByComparingTo("5");
        assertThat(cost.reference()).isEqualTo("openai/gpt-4o-2024-05-13@2025-01-01T00:00:00Z");
    }

    @Test
    void datedVariantIsPricedAsItsModelAndTheReferenceNamesThatEntry() {
        Cost openai = catalog.cost(event("openai", "gpt-4o-2024-08-06", LATER, MILLION_IN, null));
        Cost claude = catalog.cost(event("anthropic", "Claude-Sonnet-4-5-20250929", LATER, MILLION_IN, null));

        assertThat(openai.usd()).isEqualByComparingTo("2.50");
        assertThat(openai.reference()).isEqualTo("openai/gpt-4o@2025-01-01T00:00:00Z");
        assertThat(claude.usd()).isEqualByComparingTo("3");
        assertThat(claude.reference()).isEqualTo("anthropic/claude-sonnet-4-5@2025-01-01T00:00:00Z");
    }

    @Test
    void aliasRulesApplyOnlyToTheirProviderAndOnlyToWholeNames() {
        assertThat(catalog.alias("azure", "gpt-4o-2024-08-06")).isNull();
        assertThat(catalog.alias("openai", "gpt-4o-2024-08-06-ft")).isNull();
        assertThat(catalog.alias("openai", "my-gpt-4o-2024-08-06")).isNull();
        assertThat(catalog.cost(event("openai", "gpt-4o-mini-2024-07-18", LATER, MILLION_IN, null)).priced()).isFalse();
    }

    @Test
    void tenantPriceWinsOverTheCatalogFromItsEffectiveDateOn() {
        PriceOverrides overrides = PriceOverrides.of("acme", List.of(
                new Price("openai", "gpt-4o", LATER, dec("1"), dec("4"), null, null, null, null)));

        Cost before = catalog.cost(event("openai", "gpt-4o", LATER.minusMillis(1), MILLION_IN, null), overrides);
        Cost after = catalog.cost(event("openai", "GPT-4o", LATER, MILLION_IN, null), overrides);
        Cost otherTenant = catalog.price("globex", "openai", "gpt-4o", LATER, MILLION_IN, overrides);

        assertThat(before.source()).isEqualTo(Cost.Source.CATALOG);
        assertThat(before.usd()).isEqualByComparingTo("2.50");
        assertThat(after.source()).isEqualTo(Cost.Source.OVERRIDE);
        assertThat(after.usd()).isEqualByComparingTo("1");
        assertThat(after.reference()).isEqualTo("override:openai/gpt-4o@2026-01-01T00:00:00Z");
        assertThat(otherTenant.source()).isEqualTo(Cost.Source.CATALOG);
    }

    @Test
    void tenantPriceOfAModelAlsoPricesItsDatedVariantsButNotAnExactCatalogEntry() {
        PriceOverrides overrides = PriceOverrides.of("acme", List.of(
                new Price("openai", "gpt-4o", T0, dec("1"), dec("4"), null, null, null, null)));

        assertThat(catalog.cost(event("openai", "gpt-4o-2024-08-06", LATER, MILLION_IN, null), overrides).usd()).isEqualByComparingTo("1");
        assertThat(catalog.cost(event("openai", "gpt-4o-2024-05-13", LATER, MILLION_IN, null), overrides).usd()).isEqualByComparingTo("5");
    }

    @Test
    void tenantPriceForAModelTheCatalogDoesNotKnowPricesIt() {
        PriceOverrides overrides = PriceOverrides.of("acme", List.of(
                new Price("acme-ai", "house-model", T0, dec("0.5"), dec("1"), null, null, null, null)));

        Cost cost = catalog.cost(event("acme-ai", "house-model", LATER, new Usage(2_000_000, 0, 0, 1_000_000, 0), null), overrides);

        assertThat(cost.usd()).isEqualByComparingTo("2");
        assertThat(cost.priced()).isTrue();
    }

    @Test
    void providerReportedCostWinsOverATenantPrice() {
        PriceOverrides overrides = PriceOverrides.of("acme", List.of(
                new Price("openai", "gpt-4o", T0, dec("1"), dec("4"), null, null, null, null)));

        Cost cost = catalog.cost(event("openai", "gpt-4o", LATER, MILLION_IN, dec("0.42")), overrides);

        assertThat(cost.source()).isEqualTo(Cost.Source.PROVIDER);
        assertThat(cost.usd()).isEqualByComparingTo("0.42");
    }

    @Test
    void builtInCatalogPricesDatedSnapshotsOfEveryProviderFamily() {
        PriceCatalog builtIn = PriceCatalog.builtIn();
        Instant now = Instant.parse("2026-11-01T00:00:00Z");

        assertThat(builtIn.find("openai", "gpt-4o-2024-08-06", now)).map(Price::model).contains("gpt-4o");
        assertThat(builtIn.find("openai", "gpt-4o-2024-05-13", now)).map(Price::model).contains("gpt-4o-2024-05-13");
        assertThat(builtIn.find("anthropic", "claude-sonnet-4-5-20250929", now)).map(Price::model).contains("claude-sonnet-4-5");
        assertThat(builtIn.find("anthropic", "claude-opus-4-8[1m]", now)).map(Price::model).contains("claude-opus-4-8");
        assertThat(builtIn.find("xai", "grok-3-mini-fast-latest", now)).map(Price::model).contains("grok-3-mini-fast");
    }
}
