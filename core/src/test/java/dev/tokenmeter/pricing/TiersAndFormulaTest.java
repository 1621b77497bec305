package dev.tokenmeter.pricing;

import static dev.tokenmeter.pricing.PriceCatalogTest.dec;
import static dev.tokenmeter.pricing.PriceCatalogTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The formula for every token kind, at base prices and in long-context tiers. */
class TiersAndFormulaTest {

    static final Instant T0 = Instant.parse("2025-06-17T00:00:00Z");

    /** Every price distinct, so each token kind's contribution is visible in the sum. */
    final Price full = new Price("acme", "full", T0, dec("1"), dec("10"), dec("0.1"), dec("1.25"), dec("20"), "https://example",
            List.of(new Price.Tier(200_000, dec("2"), dec("15"), dec("0.2"), dec("2.5"), dec("30")),
                    new Price.Tier(1_000_000, dec("4"), dec("40"), null, null, null)));

    @Test
    void eachTokenKindIsPricedAtItsOwnPrice() {
        assertThat(cost(new Usage(100_000, 0, 0, 0, 0))).isEqualByComparingTo("0.1"); // plain input
        assertThat(cost(new Usage(100_000, 100_000, 0, 0, 0))).isEqualByComparingTo("0.01"); // cache reads only
        assertThat(cost(new Usage(100_000, 0, 100_000, 0, 0))).isEqualByComparingTo("0.125"); // cache writes only
        assertThat(cost(new Usage(0, 0, 0, 100_000, 0))).isEqualByComparingTo("1"); // visible output
        assertThat(cost(new Usage(0, 0, 0, 100_000, 100_000))).isEqualByComparingTo("2"); // reasoning only
    }

    @Test
    void aMixedRequestSumsEveryKindOnceWithCachedAndReasoningTokensNotCountedTwice() {
        // 150k input = 50k plain + 60k read + 40k written; 30k output = 20k visible + 10k reasoning
        // 50k×1 + 60k×0.1 + 40k×1.25 + 20k×10 + 10k×20 = 50k + 6k + 50k + 200k + 200k = 506k per 1M
        assertThat(cost(new Usage(150_000, 60_000, 40_000, 30_000, 10_000))).isEqualByComparingTo("0.506");
    }

    @Test
    void requestsAtTheThresholdKeepTheBasePricesAndAboveItEveryTokenMovesToTheTier() {
        Usage at = new Usage(200_000, 0, 0, 1_000, 0);
        Usage above = new Usage(200_001, 100_000, 50_000, 1_000, 500);

        assertThat(cost(at)).isEqualByComparingTo("0.21"); // 200k×1 + 1k×10
        // 50_001×2 + 100k×0.2 + 50k×2.5 + 500×15 + 500×30 = 100_002 + 20_000 + 125_000 + 7_500 + 15_000
        assertThat(cost(above)).isEqualByComparingTo("0.267502");
        assertThat(full.ratesFor(200_001).tier()).isEqualTo(200_000L);
        assertThat(full.ratesFor(200_000).tier()).isNull();
    }

    @Test
    void theHighestTierExceededAppliesAndItsMissingPricesFallBackToItsOwnInputAndOutput() {
        // 1_000_001 input: 1_000_000 plain × 4 + 1 cached at the tier's input 4; 10 reasoning at the tier's output 40
        Usage huge = new Usage(1_000_001, 1, 0, 10, 10);

        assertThat(cost(huge)).isEqualByComparingTo(new BigDecimal("4.000404"));
        assertThat(full.ratesFor(1_000_001).tier()).isEqualTo(1_000_000L);
    }

    @Test
    void theReferenceOfATieredCostNamesTheTier() {
        PriceCatalog catalog = PriceCatalog.of(List.of(full));

        Cost base = catalog.cost(event("acme", "full", T0, new Usage(10, 0, 0, 0, 0), null));
        Cost tiered = catalog.cost(event("acme", "full", T0, new Usage(300_000, 0, 0, 0, 0), null));

        assertThat(base.reference()).isEqualTo("acme/full@2025-06-17T00:00:00Z");
        assertThat(tiered.reference()).isEqualTo("acme/full@2025-06-17T00:00:00Z>200000");
        assertThat(tiered.usd()).isEqualByComparingTo("0.6");
    }

    @Test
    void builtInGemini25ProBillsLongPromptsAtItsLongContextPrices() {
        PriceCatalog builtIn = PriceCatalog.builtIn();
        Instant time = Instant.parse("2026-01-15T00:00:00Z");

        Cost shortPrompt = builtIn.cost(event("google", "gemini-2.5-pro", time, new Usage(200_000, 100_000, 0, 10_000, 0), null));
        Cost longPrompt = builtIn.cost(event("google", "gemini-2.5-pro", time, new Usage(300_000, 100_000, 0, 10_000, 0), null));

        // 100k×1.25 + 100k×0.125 + 10k×10 = 237_500 per 1M
        assertThat(shortPrompt.usd()).isEqualByComparingTo("0.2375");
        // 200k×2.50 + 100k×0.25 + 10k×15 = 675_000 per 1M
        assertThat(longPrompt.usd()).isEqualByComparingTo("0.675");
    }

    @Test
    void tiersMustStartAbovePositiveDistinctThresholds() {
        assertThatThrownBy(() -> new Price.Tier(0, dec("1"), dec("1"), null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Price("a", "b", T0, dec("1"), dec("1"), null, null, null, null, List.of(
                new Price.Tier(5, dec("1"), dec("1"), null, null, null), new Price.Tier(5, dec("2"), dec("2"), null, null, null))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private BigDecimal cost(Usage usage) {
        return CostFormula.cost(usage, full);
    }
}
