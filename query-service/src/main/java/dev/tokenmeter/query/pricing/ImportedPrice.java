package dev.tokenmeter.query.pricing;

import dev.tokenmeter.pricing.Price;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One model's token prices read from an open price file, already per 1 000 000 tokens.
 *
 * @param key the entry's name in the file (LiteLLM's key, or genai-prices' {@code provider/id})
 */
record ImportedPrice(String key, String provider, String model, Amount input, Amount output,
                     @Nullable Amount cachedInput, @Nullable Amount cacheWrite, @Nullable Amount reasoning) {

    /** Tenant prices keep at most this many decimals (per 1M tokens), as {@code PUT /prices} does. */
    static final int SCALE = 6;

    /**
     * A price as the file gave it and as it is stored: {@code raw} in the file's unit (USD per token for
     * LiteLLM, per 1M tokens for genai-prices), {@code perMillion} rounded half-even to 6 decimals.
     */
    @Schema(name = "ImportedAmount")
    record Amount(
            @Schema(description = "The number in the file, in the file's unit, exactly as read", example = "3.0000000000000004E-7") String raw,
            @Schema(description = "USD per 1 000 000 tokens, rounded half-even to 6 decimals", example = "0.3") BigDecimal perMillion,
            @Schema(description = "Whether rounding changed the value") boolean rounded) {

        /** From a price per token: × 1 000 000, then rounded. */
        static Amount perToken(BigDecimal raw) {
            return of(raw, raw.movePointRight(6));
        }

        /** From a price per 1 000 000 tokens. */
        static Amount perMillion(BigDecimal raw) {
            return of(raw, raw);
        }

        private static Amount of(BigDecimal raw, BigDecimal exact) {
            BigDecimal rounded = exact.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
            if (rounded.scale() < 0) {
                rounded = rounded.setScale(0);
            }
            return new Amount(raw.toString(), rounded, exact.compareTo(rounded) != 0);
        }
    }

    /** The tenant price this becomes from {@code effectiveFrom} on. */
    Price toPrice(Instant effectiveFrom) {
        return new Price(provider, model, effectiveFrom, input.perMillion(), output.perMillion(), value(cachedInput),
                value(cacheWrite), value(reasoning), null);
    }

    /** The amounts by field name, in the order of {@code PUT /prices}, absent ones left out. */
    Map<String, Amount> amounts() {
        Map<String, Amount> amounts = new LinkedHashMap<>();
        amounts.put("input", input);
        amounts.put("output", output);
        if (cachedInput != null) {
            amounts.put("cachedInput", cachedInput);
        }
        if (cacheWrite != null) {
            amounts.put("cacheWrite", cacheWrite);
        }
        if (reasoning != null) {
            amounts.put("reasoning", reasoning);
        }
        return amounts;
    }

    private static @Nullable BigDecimal value(@Nullable Amount amount) {
        return amount == null ? null : amount.perMillion();
    }
}
