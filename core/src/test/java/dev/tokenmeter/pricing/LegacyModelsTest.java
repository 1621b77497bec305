package dev.tokenmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The legacy models users of older code still send (issue 21) are priced by the built-in catalog,
 * with the price that was in force at the call's time, and carry their retirement dates.
 */
class LegacyModelsTest {

    static final PriceCatalog CATALOG = PriceCatalog.builtIn();
    static final List<String> NAMED_LEGACY = List.of(
            "openai/gpt-4", "openai/gpt-4-32k", "openai/gpt-4-turbo", "openai/gpt-3.5-turbo",
            "openai/gpt-3.5-turbo-instruct", "anthropic/claude-3-sonnet", "anthropic/claude-3-5-sonnet",
            "google/gemini-1.5-pro", "google/gemini-1.5-flash", "google/gemini-1.5-flash-8b",
            "google/gemini-2.0-flash", "google/gemini-2.0-flash-lite", "google/gemini-pro",
            "openai/text-embedding-ada-002", "openai/text-embedding-3-small", "openai/text-embedding-3-large");

    @Test
    void everyLegacyModelNamedInTheIssueIsPricedOnTheFirstOfMarch2025() {
        Instant call = Instant.parse("2025-03-01T12:00:00Z");
        for (String name : NAMED_LEGACY) {
            String[] parts = name.split("/");
            assertThat(CATALOG.find(parts[0], parts[1], call)).as(name).isPresent();
            assertThat(CATALOG.price("acme", parts[0], parts[1], call, new Usage(1000, 0, 0, 1000, 0), PriceOverrides.NONE)
                    .priced()).as(name).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}/{1} at {2}: input {3}, output {4}")
    @CsvSource({
            // OpenAI: launch price, then the June 2023 input cut, then the 0125 price
            "openai, gpt-3.5-turbo, 2023-04-01T00:00:00Z, 2, 2",
            "openai, gpt-3.5-turbo, 2023-08-01T00:00:00Z, 1.5, 2",
            "openai, gpt-3.5-turbo, 2024-06-01T00:00:00Z, 0.5, 1.5",
            "openai, text-embedding-ada-002, 2023-01-10T00:00:00Z, 0.4, 0",
            "openai, text-embedding-ada-002, 2024-01-10T00:00:00Z, 0.1, 0",
            "openai, gpt-4o, 2024-06-01T00:00:00Z, 5, 15",
            "openai, gpt-4o, 2024-11-01T00:00:00Z, 2.5, 10",
            // Google: launch prices, then the cuts of August and October 2024
            "google, gemini-1.5-flash, 2024-06-01T00:00:00Z, 0.35, 1.05",
            "google, gemini-1.5-flash, 2024-09-01T00:00:00Z, 0.075, 0.3",
            "google, gemini-1.5-pro, 2024-09-30T23:59:59Z, 3.5, 10.5",
            "google, gemini-1.5-pro, 2024-10-01T00:00:00Z, 1.25, 5",
            // Mistral: Large 2 before and after the September 2024 cut
            "mistral, mistral-large-2407, 2024-08-01T00:00:00Z, 3, 9",
            "mistral, mistral-large-2407, 2024-10-01T00:00:00Z, 2, 6",
            // DeepSeek V3: launch discount, then the list price
            "deepseek, deepseek-chat, 2025-01-15T00:00:00Z, 0.14, 0.28",
            "deepseek, deepseek-chat, 2025-03-01T00:00:00Z, 0.27, 1.1",
    })
    void aModelWhosePriceChangedIsPricedWithThePriceInForceAtTheCall(String provider, String model, Instant time,
            BigDecimal input, BigDecimal output) {
        Price price = CATALOG.find(provider, model, time).orElseThrow();
        assertThat(price.input()).isEqualByComparingTo(input);
        assertThat(price.output()).isEqualByComparingTo(output);
    }

    @Test
    void aDatedSnapshotOfALegacyClaudeModelIsPricedThroughTheDateAlias() {
        Instant call = Instant.parse("2024-11-01T00:00:00Z");
        assertThat(CATALOG.find("anthropic", "claude-3-5-sonnet-20241022", call).orElseThrow().model())
                .isEqualTo("claude-3-5-sonnet");
        assertThat(CATALOG.find("anthropic", "claude-3-sonnet-20240229", call).orElseThrow().model())
                .isEqualTo("claude-3-sonnet");
    }

    @Test
    void retiredModelsCarryTheirDeprecationDateAndCurrentOnesNone() {
        assertThat(CATALOG.deprecated("openai", "gpt-4-32k")).contains(LocalDate.parse("2025-06-06"));
        assertThat(CATALOG.deprecated("OpenAI", "GPT-4-32K")).contains(LocalDate.parse("2025-06-06"));
        assertThat(CATALOG.deprecated("google", "gemini-1.5-pro")).contains(LocalDate.parse("2025-09-24"));
        assertThat(CATALOG.deprecated("anthropic", "claude-3-sonnet")).contains(LocalDate.parse("2025-07-21"));
        assertThat(CATALOG.deprecated("openai", "gpt-4o")).isEmpty();
    }

    @Test
    void aCallBeforeTheFirstKnownPriceOfAModelStaysUnpriced() {
        assertThat(CATALOG.find("openai", "gpt-4", Instant.parse("2023-01-01T00:00:00Z"))).isEmpty();
    }
}
