package dev.tokenmeter.query.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.web.BadParameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the two open price formats from the committed real samples, and the rounding rule. */
class PriceFileTest {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void liteLlmPerTokenPricesBecomePerMillionPricesUnderTheCatalogsProviderNames() {
        PriceFile file = PriceFile.read(sample("litellm-sample.json"), null, AT, 1000);

        assertThat(file.format()).isEqualTo(PriceFile.Format.LITELLM);
        Map<String, ImportedPrice> byKey = file.prices().stream().collect(Collectors.toMap(ImportedPrice::key, p -> p));
        assertThat(byKey.keySet()).containsExactlyInAnyOrder("ai21.j2-mid-v1", "ai21.jamba-1-5-large-v1:0",
                "ai21.jamba-1-5-mini-v1:0", "amazon.nova-lite-v1:0", "amazon.nova-2-lite-v1:0", "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18", "gpt-4o-mini-audio-preview", "gpt-4o-search-preview");
        ImportedPrice mini = byKey.get("gpt-4o-mini");
        assertThat(mini.provider()).isEqualTo("openai");
        assertThat(mini.input().perMillion()).isEqualByComparingTo("0.15");
        assertThat(mini.input().raw()).isEqualTo("1.5E-7");
        assertThat(mini.output().perMillion()).isEqualByComparingTo("0.6");
        assertThat(mini.cachedInput().perMillion()).isEqualByComparingTo("0.075");
        assertThat(byKey.get("amazon.nova-lite-v1:0").provider()).as("bedrock_converse").isEqualTo("bedrock");
        assertThat(byKey.get("ai21.j2-mid-v1").input().perMillion()).isEqualByComparingTo("12.5");
    }

    @Test
    void liteLlmEntriesAndPartsThatAreNotPerTokenPricesAreSkippedWithWhy() {
        PriceFile file = PriceFile.read(sample("litellm-sample.json"), null, AT, 1000);
        Map<String, String> skipped = file.skipped().stream().collect(Collectors.toMap(PriceFile.Skipped::key, PriceFile.Skipped::reason));

        assertThat(skipped.get("1024-x-1024/dall-e-2")).startsWith("mode image_generation not supported");
        assertThat(skipped.get("gpt-image-1.5")).startsWith("mode image_generation not supported");
        assertThat(skipped.get("gpt-4o-mini-realtime-preview")).startsWith("mode realtime not supported");
        assertThat(skipped.get("gpt-4o-mini-transcribe")).startsWith("mode audio_transcription not supported");
        assertThat(skipped).as("service tiers and audio units are imported now").doesNotContainKeys("gpt-4o-mini [batch]",
                "gpt-4o-mini [priority]", "gpt-4o-mini-audio-preview [units]");
        assertThat(skipped.get("gpt-4o-search-preview [units]")).contains("search_context_cost_per_query");
        assertThat(skipped).hasSize(SKIPPED_LITELLM);
    }

    static final int SKIPPED_LITELLM = 6;

    @Test
    void liteLlmServiceTiersBecomeTierPricesAndAUniformDiscountAMultiplier() {
        PriceFile file = PriceFile.read(sample("litellm-sample.json"), null, AT, 1000);
        Map<String, ImportedPrice> byKey = file.prices().stream().collect(Collectors.toMap(ImportedPrice::key, p -> p));

        dev.tokenmeter.pricing.Price mini = byKey.get("gpt-4o-mini").toPrice(AT);
        assertThat(mini.serviceTiers().get(dev.tokenmeter.event.ServiceTier.BATCH).multiplier())
                .as("0.075/0.15 = 0.3/0.6: half of every standard price").isEqualByComparingTo("0.5");
        var priority = mini.serviceTiers().get(dev.tokenmeter.event.ServiceTier.PRIORITY);
        assertThat(priority.multiplier()).as("a cache price of its own: explicit prices").isNull();
        assertThat(priority.input()).isEqualByComparingTo("0.25");
        assertThat(priority.output()).isEqualByComparingTo("1");
        assertThat(priority.cachedInput()).isEqualByComparingTo("0.125");
        assertThat(byKey.get("gpt-4o-mini").serviceTiers().get(dev.tokenmeter.event.ServiceTier.PRIORITY).input().raw())
                .isEqualTo("2.5E-7");
    }

    @Test
    void liteLlmPerUnitPricesBecomeUnitPricesPerOneUnitUnderTheNamesEventsSend() {
        PriceFile file = PriceFile.read(sample("litellm-sample.json"), null, AT, 1000);
        Map<String, ImportedPrice> byKey = file.prices().stream().collect(Collectors.toMap(ImportedPrice::key, p -> p));

        Map<String, java.math.BigDecimal> audio = byKey.get("gpt-4o-mini-audio-preview").units();
        assertThat(audio.keySet()).containsExactlyInAnyOrder("audioInputTokens", "audioOutputTokens");
        assertThat(audio.get("audioInputTokens")).as("per token, not per 1M").isEqualByComparingTo("0.00001");
        assertThat(audio.get("audioOutputTokens")).isEqualByComparingTo("0.00002");
    }

    @Test
    void genAiPricesAreReadAsInForceAtTheImportDateAndTheirFloatNoiseIsRoundedHalfEvenToSixDecimals() {
        PriceFile file = PriceFile.read(sample("genai-prices-sample.json"), PriceFile.Format.GENAI_PRICES, AT, 1000);
        Map<String, ImportedPrice> byKey = file.prices().stream().collect(Collectors.toMap(ImportedPrice::key, p -> p));

        assertThat(byKey.get("openai/o3").input().perMillion()).as("the 2025-06-10 price").isEqualByComparingTo("2");
        assertThat(byKey.get("x-ai/grok-code-fast-1").provider()).isEqualTo("xai");
        assertThat(byKey.get("openai/text-embedding-3-small").output().perMillion()).as("absent means not charged").isZero();
        ImportedPrice qwen = byKey.get("huggingface_together/Qwen/Qwen3-VL-8B-Instruct");
        assertThat(qwen.model()).isEqualTo("qwen/qwen3-vl-8b-instruct");
        assertThat(qwen.input()).isEqualTo(new ImportedPrice.Amount("0.18000000000000002", new java.math.BigDecimal("0.18"), true));
        ImportedPrice.Amount write = byKey.get("openrouter/google/gemini-2.5-flash-lite").cacheWrite();
        assertThat(write.raw()).isEqualTo("0.08333333333333334");
        assertThat(write.perMillion()).isEqualByComparingTo("0.083333");
        assertThat(write.rounded()).isTrue();

        PriceFile before = PriceFile.read(sample("genai-prices-sample.json"), null, Instant.parse("2025-06-09T00:00:00Z"), 1000);
        assertThat(before.prices().stream().filter(p -> p.key().equals("openai/o3")).findFirst().orElseThrow().input().perMillion())
                .as("the launch price, before the constraint's start_date").isEqualByComparingTo("10");
    }

    @Test
    void genAiPricesTimeOfDayTieredAndEmptyPricesAreSkippedWithWhy() {
        PriceFile file = PriceFile.read(sample("genai-prices-sample.json"), null, AT, 1000);
        Map<String, String> skipped = file.skipped().stream().collect(Collectors.toMap(PriceFile.Skipped::key, PriceFile.Skipped::reason));

        assertThat(skipped.get("deepseek/deepseek-chat")).startsWith("time-of-day prices");
        assertThat(skipped.get("anthropic/claude-sonnet-4-5")).startsWith("long-context prices");
        assertThat(skipped.get("google/gemini-1.5-flash")).startsWith("long-context prices");
        assertThat(skipped.get("openai/moderation")).startsWith("no per-token price");
        assertThat(skipped.get("openai/gpt-4o-audio-preview [units]")).contains("input_audio_mtok");
    }

    @Test
    void aPerTokenFloatBecomesItsRoundedPerMillionPriceWithTheRawValueKept() {
        assertThat(ImportedPrice.Amount.perToken(new java.math.BigDecimal("3.0000000000000004e-07")))
                .isEqualTo(new ImportedPrice.Amount("3.0000000000000004E-7", new java.math.BigDecimal("0.3"), true));
        assertThat(ImportedPrice.Amount.perToken(new java.math.BigDecimal("1.25e-05")))
                .isEqualTo(new ImportedPrice.Amount("0.0000125", new java.math.BigDecimal("12.5"), false));
        // Half-even at the seventh decimal: ...0000005 goes to the even neighbour.
        assertThat(ImportedPrice.Amount.perMillion(new java.math.BigDecimal("0.0000125")).perMillion()).isEqualByComparingTo("0.000012");
        assertThat(ImportedPrice.Amount.perMillion(new java.math.BigDecimal("0.0000135")).perMillion()).isEqualByComparingTo("0.000014");
    }

    @Test
    void aDeclaredFormatThatDoesNotMatchTheFilesShapeIsA400NamingFormat() {
        assertThatThrownBy(() -> PriceFile.read(sample("litellm-sample.json"), PriceFile.Format.GENAI_PRICES, AT, 1000))
                .isInstanceOf(BadParameter.class)
                .satisfies(e -> assertThat(((BadParameter) e).parameter()).isEqualTo("format"));
    }

    @Test
    void aFileWithMoreEntriesThanTheBoundIsA400() {
        assertThatThrownBy(() -> PriceFile.read(sample("litellm-sample.json"), null, AT, 5))
                .isInstanceOf(BadParameter.class)
                .hasMessageContaining("more than 5 model entries");
    }

    @Test
    void aSecondEntryForTheSameProviderAndModelIsSkippedAsADuplicate() {
        JsonNode file = JSON.readTree(
                """
                        {"gemini/gemini-x": {"litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
                         "gemini-x": {"litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}""");
        PriceFile read = PriceFile.read(file, null, AT, 10);

        assertThat(read.prices()).extracting(ImportedPrice::provider, ImportedPrice::model)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("google", "gemini-x"));
        assertThat(read.skipped()).extracting(PriceFile.Skipped::reason)
                .containsExactly("duplicate: the entry gemini/gemini-x already gives google/gemini-x");
    }

    static JsonNode sample(String name) {
        try (InputStream in = PriceFileTest.class.getResourceAsStream("/price-import/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
