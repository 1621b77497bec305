package dev.tokenmeter.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model's token prices in USD per 1 000 000 tokens, in force from {@code effectiveFrom} until
 * the next price of the same model. A null {@code cachedInput} or {@code cacheWrite} price means
 * the plain {@code input} price applies; a null {@code reasoning} price means {@code output}.
 *
 * @param source where the price was read (a public pricing page), or null for tenant overrides
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
        @Nullable String source) {

    public Price {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        requireNonNegative("input", input);
        requireNonNegative("output", output);
        requireNonNegative("cachedInput", cachedInput);
        requireNonNegative("cacheWrite", cacheWrite);
        requireNonNegative("reasoning", reasoning);
    }

    /** Identifies the entry that priced an event, e.g. {@code openai/gpt-4o@2024-10-01T00:00:00Z}. */
    public String reference() {
        return provider + "/" + model + "@" + effectiveFrom;
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

    private static void requireNonNegative(String name, @Nullable BigDecimal price) {
        if (price != null && price.signum() < 0) {
            throw new IllegalArgumentException(name + " price must not be negative: " + price);
        }
    }
}
