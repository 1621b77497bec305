package dev.tokenmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {

    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");

    final PriceCatalog catalog = PriceCatalog.of(List.of(
            new Price("openai", "gpt-4o", JAN, dec("2.50"), dec("10.00"), dec("1.25"), null, null, "https://example"),
            new Price("anthropic", "claude-sonnet", JAN, dec("3"), dec("15"), dec("0.30"), dec("3.75"), null, "https://example"),
            new Price("acme", "thinker", JAN, dec("1"), dec("4"), null, null, dec("8"), "https://example"),
            new Price("openai", "gpt-4o", JUN, dec("2.00"), dec("8.00"), dec("0.50"), null, null, "https://example")));

    @Test
    void cachedTokensArePricedOnceAtTheCachedPrice() {
        // 1200 input of which 1000 cached: 200 × 2.50 + 1000 × 1.25 + 300 × 10.00 = 4750 per 1M
        Cost cost = catalog.cost(event("openai", "gpt-4o", JAN, new Usage(1200, 1000, 0, 300, 0), null));

        assertThat(cost.usd()).isEqualByComparingTo("0.00475");
        assertThat(cost.source()).isEqualTo(Cost.Source.CATALOG);
        assertThat(cost.reference()).isEqualTo("openai/gpt-4o@2026-01-01T00:00:00Z");
    }

    @Test
    void cacheWritesArePricedAtTheCacheWritePrice() {
        // 5000 input: 1000 read × 0.30 + 2000 write × 3.75 + 2000 plain × 3 + 100 output × 15
        Cost cost = catalog.cost(event("Anthropic", "Claude-Sonnet", JAN, new Usage(5000, 1000, 2000, 100, 0), null));

        assertThat(cost.usd()).isEqualByComparingTo("0.0153");
    }

    @Test
    void reasoningTokensUseTheReasoningPriceOrFallBackToOutput() {
        Usage usage = new Usage(1000, 0, 0, 500, 400);

        // 1000 × 1 + 100 × 4 + 400 × 8 = 4600
        assertThat(catalog.cost(event("acme", "thinker", JAN, usage, null)).usd()).isEqualByComparingTo("0.0046");
        // no reasoning price: all 500 output tokens at 10.00, and no cached price gap: 1000 × 2.50
        assertThat(catalog.cost(event("openai", "gpt-4o", JAN, usage, null)).usd()).isEqualByComparingTo("0.0075");
    }

    @Test
    void missingCachePricesFallBackToTheInputPrice() {
        Cost cost = catalog.cost(event("acme", "thinker", JAN, new Usage(1000, 600, 400, 0, 0), null));

        assertThat(cost.usd()).isEqualByComparingTo("0.001");
    }

    @Test
    void thePriceInForceAtTheEventTimeApplies() {
        Usage usage = new Usage(1_000_000, 0, 0, 0, 0);

        assertThat(catalog.cost(event("openai", "gpt-4o", JUN.minusMillis(1), usage, null)).usd()).isEqualByComparingTo("2.50");
        assertThat(catalog.cost(event("openai", "gpt-4o", JUN, usage, null)).usd()).isEqualByComparingTo("2.00");
        assertThat(catalog.cost(event("openai", "gpt-4o", JAN.minusSeconds(1), usage, null)).priced()).isFalse();
    }

    @Test
    void providerReportedCostWins() {
        Cost cost = catalog.cost(event("openai", "gpt-4o", JAN, new Usage(1000, 0, 0, 0, 0), dec("0.123456789")));

        assertThat(cost.usd()).isEqualTo(dec("0.123456789"));
        assertThat(cost.source()).isEqualTo(Cost.Source.PROVIDER);
    }

    @Test
    void unknownModelIsUnpricedNotSilentlyFree() {
        Cost cost = catalog.cost(event("openai", "gpt-99", JAN, new Usage(1000, 0, 0, 10, 0), null));

        assertThat(cost.priced()).isFalse();
        assertThat(cost.source()).isEqualTo(Cost.Source.UNPRICED);
        assertThat(cost.usd()).isZero();
    }

    @Test
    void arithmeticIsExactDecimal() {
        // 0.1 + 0.2 style sums stay exact: 3 tokens at 0.075 per 1M = 0.000000225
        Cost cost = catalog.cost(event("openai", "gpt-4o", JAN, new Usage(3, 3, 0, 0, 0),
                null));

        assertThat(cost.usd()).isEqualTo(new BigDecimal("0.00000375"));
    }

    static UsageEvent event(String provider, String model, Instant time, Usage usage, @Nullable BigDecimal costUsd) {
        return new UsageEvent("e1", "acme", time, provider, model, "chat", null, null, null,
                Status.SUCCESS, (EventError) null, 100, usage, costUsd, Map.of());
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
