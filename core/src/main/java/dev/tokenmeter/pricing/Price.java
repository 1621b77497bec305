package dev.tokenmeter.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model's token prices in USD per 1 000 000 tokens, in force from {@code effectiveFrom} until
 * the next price of the same model. A null {@code cachedInput} or {@code cacheWrite} price means
 * the plain {@code input} price applies; a null {@code reasoning} price means {@code output}.
 *
 * <p>{@code tiers} are long-context prices: a request whose {@code inputTokens} (cache reads and
 * writes included) exceed a tier's {@code aboveInputTokens} is priced entirely — every token kind —
 * at the highest such tier, as providers bill long prompts (Gemini and Claude above 200k tokens).
 *
 * @param source where the price was read (a public pricing page), or null for tenant overrides
 * @param tiers  long-context tiers, by ascending threshold; empty when the model has one price
 */
public record Price(
        String provider,
        String model,
        Instant effectiveFrom,
        BigDecimal input,
        BigDecimal output,
        @Nullable BigDecimal cachedInput,
        @Nullable BigDecimal cacheWrite,
        @Nullable BigDecimal reasoning,
        @Nullable String source,
        List<Tier> tiers) {

    /**
     * Prices of requests whose prompt exceeds {@code aboveInputTokens}. Missing cache and reasoning
     * prices fall back to this tier's own input and output prices, as in the contract's formula.
     */
    public record Tier(long aboveInputTokens, BigDecimal input, BigDecimal output,
                       @Nullable BigDecimal cachedInput, @Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning) {

        public Tier {
            if (aboveInputTokens <= 0) {
                throw new IllegalArgumentException("a tier starts above a positive number of input tokens: " + aboveInputTokens);
            }
            requireNonNegative("tier input", input);
            requireNonNegative("tier output", output);
            requireNonNegative("tier cachedInput", cachedInput);
            requireNonNegative("tier cacheWrite", cacheWrite);
            requireNonNegative("tier reasoning", reasoning);
        }
    }

    /**
     * The five per-token prices that apply to one request, fallbacks resolved.
     *
     * @param tier the threshold of the long-context tier applied, or null for the base prices
     */
    public record Rates(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
                        BigDecimal reasoning, @Nullable Long tier) {
    }

    public Price {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        requireNonNegative("input", input);
        requireNonNegative("output", output);
        requireNonNegative("cachedInput", cachedInput);
        requireNonNegative("cacheWrite", cacheWrite);
        requireNonNegative("reasoning", reasoning);
        tiers = tiers.stream().sorted(Comparator.comparingLong(Tier::aboveInputTokens)).toList();
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).aboveInputTokens() == tiers.get(i - 1).aboveInputTokens()) {
                throw new IllegalArgumentException("two tiers start above " + tiers.get(i).aboveInputTokens() + " input tokens");
            }
        }
    }

    /** A price without long-context tiers. */
    public Price(String provider, String model, Instant effectiveFrom, BigDecimal input, BigDecimal output,
                 @Nullable BigDecimal cachedInput, @Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning,
                 @Nullable String source) {
        this(provider, model, effectiveFrom, input, output, cachedInput, cacheWrite, reasoning, source, List.of());
    }

    /** Identifies the entry that priced an event, e.g. {@code openai/gpt-4o@2024-10-01T00:00:00Z}. */
    public String reference() {
        return provider + "/" + model + "@" + effectiveFrom;
    }

    /** The entry and, when one applied, its tier: {@code google/gemini-2.5-pro@2025-06-17T00:00:00Z>200000}. */
    public String reference(Rates rates) {
        return rates.tier() == null ? reference() : reference() + ">" + rates.tier();
    }

    /** The prices for a request with {@code inputTokens} prompt tokens: the highest tier it exceeds, else the base. */
    public Rates ratesFor(long inputTokens) {
        for (int i = tiers.size() - 1; i >= 0; i--) {
            Tier tier = tiers.get(i);
            if (inputTokens > tier.aboveInputTokens()) {
                return rates(tier.input(), tier.output(), tier.cachedInput(), tier.cacheWrite(), tier.reasoning(),
                        tier.aboveInputTokens());
            }
        }
        return rates(input, output, cachedInput, cacheWrite, reasoning, null);
    }

    public BigDecimal cachedInputOrInput() {
        return cachedInput != null ? cachedInput : input;
    }

    public BigDecimal cacheWriteOrInput() {
        return cacheWrite != null ? cacheWrite : input;
    }

    public BigDecimal reasoningOrOutput() {
        return reasoning != null ? reasoning : output;
    }

    private static Rates rates(BigDecimal input, BigDecimal output, @Nullable BigDecimal cachedInput,
                               @Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning, @Nullable Long tier) {
        return new Rates(input, output, cachedInput != null ? cachedInput : input, cacheWrite != null ? cacheWrite : input,
                reasoning != null ? reasoning : output, tier);
    }

    private static void requireNonNegative(String name, @Nullable BigDecimal price) {
        if (price != null && price.signum() < 0) {
            throw new IllegalArgumentException(name + " price must not be negative: " + price);
        }
    }
}
