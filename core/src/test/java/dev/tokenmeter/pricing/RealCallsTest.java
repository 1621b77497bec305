package dev.tokenmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Real calls priced by the built-in catalog to the exact decimal the provider's published price
 * gives: one per provider tier, unit kind and provider alias. Each test names the page.
 */
class RealCallsTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    final PriceCatalog catalog = PriceCatalog.builtIn();

    @Test
    void gpt4oMiniOnTheBatchTierCostsHalfTheStandardPrice() {
        // https://platform.openai.com/docs/pricing (Batch): gpt-4o-mini $0.075 in / $0.30 out per 1M
        Cost cost = catalog.cost(call("openai", "gpt-4o-mini", ServiceTier.BATCH, new Usage(1000, 0, 0, 1000, 0), Map.of()));

        assertThat(cost.usd()).isEqualByComparingTo("0.000375");
        assertThat(cost.reference()).isEqualTo("openai/gpt-4o-mini@2024-07-18T00:00:00Z#batch");
    }

    @Test
    void theSameCallOnTheStandardTierKeepsItsPrice() {
        // https://platform.openai.com/docs/pricing (Standard): $0.15 in / $0.60 out per 1M
        Cost cost = catalog.cost(call("openai", "gpt-4o-mini", ServiceTier.STANDARD, new Usage(1000, 0, 0, 1000, 0), Map.of()));

        assertThat(cost.usd()).isEqualByComparingTo("0.00075");
        assertThat(cost.reference()).isEqualTo("openai/gpt-4o-mini@2024-07-18T00:00:00Z");
    }

    @Test
    void gpt5OnTheFlexTierIsBilledAtTheFlexPrices() {
        // https://platform.openai.com/docs/guides/flex-processing and /docs/pricing (Flex):
        // gpt-5 $0.625 in / $0.0625 cached / $5.00 out per 1M. 10 000 in (4 000 cached), 2 000 out:
        // 6 000 × 0.625 + 4 000 × 0.0625 + 2 000 × 5 = 3 750 + 250 + 10 000 per 1M
        Cost cost = catalog.cost(call("openai", "gpt-5", ServiceTier.FLEX, new Usage(10_000, 4_000, 0, 2_000, 0), Map.of()));

        assertThat(cost.usd()).isEqualByComparingTo("0.014");
    }

    @Test
    void gpt4oOnThePriorityTierIsBilledAtThePriorityPrices() {
        // https://platform.openai.com/docs/pricing (Priority): gpt-4o $4.25 in / $17.00 out per 1M
        Cost cost = catalog.cost(call("openai", "gpt-4o", ServiceTier.PRIORITY, new Usage(1000, 0, 0, 1000, 0), Map.of()));

        assertThat(cost.usd()).isEqualByComparingTo("0.02125");
        assertThat(cost.reference()).endsWith("#priority");
    }

    @Test
    void aTierTheEntryHasNoPriceForUsesTheStandardPricesAndSaysSo() {
        // gpt-5-nano has batch and flex prices but no priority price: standard $0.05 / $0.40 per 1M
        Cost cost = catalog.cost(call("openai", "gpt-5-nano", ServiceTier.PRIORITY, new Usage(1000, 0, 0, 1000, 0), Map.of()));

        assertThat(cost.usd()).isEqualByComparingTo("0.00045");
        assertThat(cost.reference()).endsWith("#priority=standard");
    }

    @Test
    void claudeHaiku45OnTheBatchApiCostsHalf() {
        // https://platform.claude.com/docs/en/about-claude/pricing (Batch processing): Haiku 4.5 $0.50 in / $2.50 out per 1M
        Cost cost = catalog
                .cost(call("anthropic", "claude-haiku-4-5-20251001", ServiceTier.BATCH, new Usage(10_000, 0, 0, 1_000, 0), Map.of()));

        assertThat(cost.usd()).isEqualByComparingTo("0.0075");
    }

    @Test
    void aBatchCallAboveTheLongContextThresholdPaysTheLongContextPricesTimesTheBatchRatio() {
        // https://platform.claude.com/docs/en/about-claude/pricing: Sonnet 4.5 above 200k input tokens $6 in / $22.50 out,
        // batch 50%: 300 000 × 3.00 + 1 000 × 11.25 per 1M
        Cost cost = catalog.cost(call("anthropic", "claude-sonnet-4-5", ServiceTier.BATCH, new Usage(300_000, 0, 0, 1_000, 0), Map.of()));

        assertThat(cost.usd()).isEqualByComparingTo("0.91125");
        assertThat(cost.reference()).isEqualTo("anthropic/claude-sonnet-4-5@2025-09-29T00:00:00Z>200000#batch");
    }

    @Test
    void gemini25FlashInBatchModeCostsHalf() {
        // https://ai.google.dev/gemini-api/docs/pricing (Batch): gemini-2.5-flash $0.15 in / $1.25 out per 1M
        Cost cost = catalog.cost(call("google", "gemini-2.5-flash", ServiceTier.BATCH, new Usage(100_000, 0, 0, 10_000, 0), Map.of()));

        assertThat(cost.usd()).isEqualByComparingTo("0.0275");
    }

    @Test
    void geminiCallsSentAsGoogleAiOrVertexAreGooglePricesAndKeepTheirProviderName() {
        // https://ai.google.dev/gemini-api/docs/pricing: gemini-2.5-flash $0.30 in / $2.50 out per 1M
        for (String provider : List.of("google_ai", "gemini", "vertex_ai", "gcp.gemini", "gcp.vertex_ai", "GOOGLE_AI")) {
            UsageEvent event = call(provider, "gemini-2.5-flash", ServiceTier.STANDARD, new Usage(1000, 0, 0, 1000, 0), Map.of());
            Cost cost = catalog.cost(event);

            assertThat(cost.usd()).as(provider).isEqualByComparingTo("0.0028");
            assertThat(cost.reference()).as(provider).startsWith("google/gemini-2.5-flash@");
            assertThat(event.provider()).isEqualTo(provider);
        }
    }

    @Test
    void azureOpenAiCallsArePricedAsOpenAi() {
        // https://platform.openai.com/docs/pricing: gpt-4o $2.50 in / $10.00 out per 1M
        for (String provider : List.of("azure", "azure_openai", "azure.ai.openai")) {
            assertThat(catalog.cost(call(provider, "gpt-4o", ServiceTier.STANDARD, new Usage(1000, 0, 0, 1000, 0), Map.of())).usd())
                    .as(provider).isEqualByComparingTo("0.0125");
        }
    }

    @Test
    void bedrockModelIdsArePricedByTheirMaker() {
        // https://aws.amazon.com/bedrock/pricing/ (Anthropic, on demand): Claude 3.5 Haiku $0.0008 / 1k in, $0.004 / 1k out,
        // as https://platform.claude.com/docs/en/about-claude/pricing ($0.80 / $4 per 1M)
        for (String provider : List.of("aws.bedrock", "bedrock")) {
            Cost cost = catalog.cost(call(provider, "us.anthropic.claude-3-5-haiku-20241022-v1:0", ServiceTier.STANDARD,
                    new Usage(1000, 0, 0, 1000, 0), Map.of()));

            assertThat(cost.usd()).as(provider).isEqualByComparingTo("0.0048");
            assertThat(cost.reference()).startsWith("anthropic/claude-3-5-haiku@2025-02-01");
        }
        assertThat(catalog.cost(call("bedrock", "acme.unknown-v1:0", ServiceTier.STANDARD, Usage.NONE, Map.of())).priced()).isFalse();
    }

    @Test
    void dallE3ImagesArePricedPerImageBySizeAndQuality() {
        // https://platform.openai.com/docs/pricing (Image generation): DALL·E 3 standard 1024×1024 $0.04, HD 1024×1792 $0.12
        Cost cost = catalog.cost(call("openai", "dall-e-3", ServiceTier.STANDARD, Usage.NONE,
                Map.of("images.1024x1024.standard", 2L, "images.1024x1792.hd", 1L)));

        assertThat(cost.usd()).isEqualByComparingTo("0.20");
        assertThat(cost.unitCosts()).containsOnlyKeys("images.1024x1024.standard", "images.1024x1792.hd");
    }

    @Test
    void gptImage1IsPricedPerImagePlusItsTextPrompt() {
        // https://platform.openai.com/docs/pricing (Image generation): gpt-image-1 medium 1024×1024 $0.042; text input $5 per 1M
        Cost cost = catalog.cost(call("openai", "gpt-image-1", ServiceTier.STANDARD, new Usage(50, 0, 0, 0, 0),
                Map.of("images.1024x1024.medium", 1L)));

        assertThat(cost.usd()).isEqualByComparingTo("0.04225");
    }

    @Test
    void webSearchCallsArePricedPerCallOnTopOfTheTokens() {
        // https://platform.openai.com/docs/pricing (Built-in tools): web search preview, non-reasoning models $25 / 1k calls;
        // gpt-4o-mini tokens 1 000 × 0.15 + 200 × 0.60 per 1M
        Cost cost = catalog.cost(call("openai", "gpt-4o-mini", ServiceTier.STANDARD, new Usage(1000, 0, 0, 200, 0),
                Map.of("webSearches", 3L)));

        assertThat(cost.usd()).isEqualByComparingTo("0.07527");
        assertThat(cost.unitCosts()).containsEntry("webSearches", new BigDecimal("0.075"));
    }

    @Test
    void webSearchesOfAReasoningModelCostTenDollarsPerThousand() {
        // https://platform.openai.com/docs/pricing (Built-in tools): web search, reasoning models $10 / 1k calls
        Cost cost = catalog.cost(call("openai", "gpt-5", ServiceTier.STANDARD, Usage.NONE, Map.of("webSearches", 7L)));

        assertThat(cost.usd()).isEqualByComparingTo("0.07");
    }

    @Test
    void codeInterpreterSessionsArePricedPerSession() {
        // https://platform.openai.com/docs/pricing (Built-in tools): Code Interpreter $0.03 per container (session)
        Cost cost = catalog.cost(call("openai", "gpt-4.1", ServiceTier.STANDARD, Usage.NONE, Map.of("codeInterpreterSessions", 2L)));

        assertThat(cost.usd()).isEqualByComparingTo("0.06");
    }

    @Test
    void audioTokensArePricedPerTokenAtTheAudioPrices() {
        // https://platform.openai.com/docs/pricing (Audio tokens): gpt-4o-audio-preview audio $40 in / $80 out per 1M,
        // text $2.50 / $10.00 per 1M: 1 000 × 0.00004 + 500 × 0.00008 + (100 × 2.50 + 50 × 10.00) / 1M
        Cost cost = catalog.cost(call("openai", "gpt-4o-audio-preview", ServiceTier.STANDARD, new Usage(100, 0, 0, 50, 0),
                Map.of("audioInputTokens", 1000L, "audioOutputTokens", 500L)));

        assertThat(cost.usd()).isEqualByComparingTo("0.08075");
    }

    @Test
    void realtimeCachedAudioInputHasItsOwnPrice() {
        // https://platform.openai.com/docs/pricing (Audio tokens): gpt-realtime audio $32 in / $0.40 cached / $64 out per 1M.
        // Units are independent quantities: audioInputTokens are the uncached ones.
        // 10 000 × 0.000032 + 5 000 × 0.0000004 + 2 000 × 0.000064 = 0.32 + 0.002 + 0.128
        Cost cost = catalog.cost(call("openai", "gpt-realtime", ServiceTier.STANDARD, Usage.NONE,
                Map.of("audioInputTokens", 10_000L, "cachedAudioInputTokens", 5_000L, "audioOutputTokens", 2_000L)));

        assertThat(cost.usd()).isEqualByComparingTo("0.45");
    }

    @Test
    void aUnitWithoutAPriceIsUnpricedNotFreeWhileTheRestOfTheCallIsPriced() {
        // gpt-4.1-nano has no web search price in the catalog; its tokens are priced ($0.10 / $0.40 per 1M)
        Cost cost = catalog.cost(call("openai", "gpt-4.1-nano", ServiceTier.STANDARD, new Usage(1000, 0, 0, 1000, 0),
                Map.of("webSearches", 2L)));

        assertThat(cost.priced()).isTrue();
        assertThat(cost.usd()).isEqualByComparingTo("0.0005");
        assertThat(cost.unitCosts()).doesNotContainKey("webSearches");
    }

    @Test
    void aCallWithoutAModelIsPricedByItsProviderAndEndpointPrice() {
        Price weather = new Price("weatherco", "", NOW.minusSeconds(86_400), BigDecimal.ZERO, BigDecimal.ZERO, null, null, null,
                null, List.of(), Map.of(), Map.of("requests", new BigDecimal("0.0015")), "forecast");
        PriceOverrides tenant = PriceOverrides.of("acme", List.of(weather));
        UsageEvent call = new UsageEvent("w1", "acme", NOW, "weatherco", null, "forecast", null, null, null, Status.SUCCESS,
                null, null, Usage.NONE, null, Map.of(), ServiceTier.STANDARD, Map.of("requests", 4L));

        Cost cost = catalog.cost(call, tenant);

        assertThat(cost.usd()).isEqualByComparingTo("0.006");
        assertThat(cost.source()).isEqualTo(Cost.Source.OVERRIDE);
        assertThat(cost.reference()).isEqualTo("override:weatherco/@forecast@" + weather.effectiveFrom());
        UsageEvent otherEndpoint = new UsageEvent("w2", "acme", NOW, "weatherco", null, "history", null, null, null,
                Status.SUCCESS, null, null, Usage.NONE, null, Map.of(), ServiceTier.STANDARD, Map.of("requests", 1L));
        assertThat(catalog.cost(otherEndpoint, tenant).priced()).isFalse();
    }

    @Test
    void aTenantAliasNamesTheProviderWhosePricesItsProxyUses() {
        // https://platform.openai.com/docs/pricing: gpt-4o-mini $0.15 / $0.60 per 1M
        PriceOverrides tenant = PriceOverrides.NONE.withAliases(Map.of("acme", Map.of("My-Proxy", "openai")));
        UsageEvent event = call("my-proxy", "gpt-4o-mini", ServiceTier.STANDARD, new Usage(1000, 0, 0, 1000, 0), Map.of());

        assertThat(catalog.cost(event, tenant).usd()).isEqualByComparingTo("0.00075");
        assertThat(catalog.cost(event).priced()).isFalse();
        assertThat(catalog.cost(new UsageEvent("x", "other", NOW, "my-proxy", "gpt-4o-mini", "chat", null, null, null,
                Status.SUCCESS, null, null, new Usage(1000, 0, 0, 1000, 0), null, Map.of()), tenant).priced()).isFalse();
    }

    @Test
    void aPriceUnderTheProviderNameAsSentWinsOverTheAlias() {
        Price own = new Price("azure", "gpt-4o", NOW.minusSeconds(60), new BigDecimal("1"), new BigDecimal("1"), null, null, null, null);
        Cost cost = catalog.cost(call("azure", "gpt-4o", ServiceTier.STANDARD, new Usage(1000, 0, 0, 1000, 0), Map.of()),
                PriceOverrides.of("acme", List.of(own)));

        assertThat(cost.usd()).isEqualByComparingTo("0.002");
    }

    private static UsageEvent call(String provider, @Nullable String model, ServiceTier tier, Usage usage, Map<String, Long> units) {
        return new UsageEvent("req_1", "acme", NOW, provider, model, "chat.completions", null, null, null, Status.SUCCESS,
                null, null, usage, null, Map.of(), tier, units);
    }
}
