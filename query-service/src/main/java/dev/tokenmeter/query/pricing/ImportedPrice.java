package dev.tokenmeter.query.pricing;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.pricing.Price;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One model's token prices read from an open price file, already per 1 000 000 tokens.
 *
 * @param key          the entry's name in the file (LiteLLM's key, or genai-prices' {@code provider/id})
 * @param serviceTiers explicit per-token prices of the batch, flex and priority tiers the file gives
 * @param units        USD per ONE unit (not per 1M, audio tokens included), exactly as the file gives it
 */
record ImportedPrice(String key, String provider, String model, Amount input, Amount output,
        @Nullable Amount cachedInput, @Nullable Amount cacheWrite, @Nullable Amount reasoning,
        Map<ServiceTier, TierAmounts> serviceTiers, Map<String, BigDecimal> units) {

    ImportedPrice {
        serviceTiers = serviceTiers.isEmpty() ? Map.of() : new EnumMap<>(serviceTiers);
        units = Map.copyOf(new TreeMap<>(units));
    }

    /** A price with token prices only. */
    ImportedPrice(String key, String provider, String model, Amount input, Amount output, @Nullable Amount cachedInput,
            @Nullable Amount cacheWrite, @Nullable Amount reasoning) {
        this(key, provider, model, input, output, cachedInput, cacheWrite, reasoning, Map.of(), Map.of());
    }

    /**
     * One service tier's per-token prices, per 1M tokens like the standard ones. When the file gives
     * only the tier's input and output prices and both are the same fraction of the standard ones,
     * the tier is stored as that {@code multiplier} (so cache prices scale too, as providers bill).
     */
    @Schema(name = "ImportedTierPrices")
    record TierAmounts(Amount input, Amount output, @Nullable Amount cachedInput, @Nullable Amount cacheWrite,
            @Nullable Amount reasoning, @Nullable BigDecimal multiplier) {

        Price.TierPrice toTierPrice() {
            if (multiplier != null) {
                return Price.TierPrice.multiplier(multiplier);
            }
            return new Price.TierPrice(null, input.perMillion(), output.perMillion(), value(cachedInput), value(cacheWrite),
                    value(reasoning));
        }

        Map<String, Amount> amounts() {
            return ImportedPrice.amounts(input, output, cachedInput, cacheWrite, reasoning);
        }
    }

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
        return toPrice(effectiveFrom, null);
    }

    /**
     * The tenant price this becomes from {@code effectiveFrom} on. The file's prices win where it gives
     * them; the service tiers and units it does not give are kept from {@code inForce} (the price it
     * replaces), so an import never makes a priced web search or batch call fall back or go unpriced.
     */
    Price toPrice(Instant effectiveFrom, @Nullable Price inForce) {
        Map<ServiceTier, Price.TierPrice> tiers = new EnumMap<>(ServiceTier.class);
        Map<String, BigDecimal> unitPrices = new TreeMap<>();
        if (inForce != null) {
            tiers.putAll(inForce.serviceTiers());
            unitPrices.putAll(inForce.units());
        }
        serviceTiers.forEach((tier, amounts) -> tiers.put(tier, amounts.toTierPrice()));
        unitPrices.putAll(units);
        return new Price(provider, model, effectiveFrom, input.perMillion(), output.perMillion(), value(cachedInput),
                value(cacheWrite), value(reasoning), null, java.util.List.of(), tiers, unitPrices, null);
    }

    /** The amounts by field name, in the order of {@code PUT /prices}, absent ones left out. */
    Map<String, Amount> amounts() {
        return amounts(input, output, cachedInput, cacheWrite, reasoning);
    }

    private static Map<String, Amount> amounts(Amount input, Amount output, @Nullable Amount cachedInput,
            @Nullable Amount cacheWrite, @Nullable Amount reasoning) {
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
