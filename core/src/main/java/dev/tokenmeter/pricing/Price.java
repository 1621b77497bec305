package dev.tokenmeter.pricing;

import dev.tokenmeter.event.ServiceTier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * <p><b>Service tiers</b> ({@code serviceTiers}, API.md §4): a call on the batch, flex or priority
 * tier is priced at that tier's prices when the entry gives them, else at the standard prices. A
 * tier's prices are either explicit per-token prices or a {@code multiplier} of the standard ones.
 * <b>Rule for a tier call above a long-context threshold:</b> the long-context tier's rates, each
 * multiplied by the service tier's ratio for that token kind (tier price ÷ standard price, or the
 * multiplier) — e.g. an Anthropic batch call above 200k tokens pays the long-context prices × 0.5,
 * which is how the providers publish it ("batch discounts stack with long-context pricing").
 *
 * <p><b>Units</b> ({@code units}): USD per ONE unit of a {@code usage.units} entry — not per 1M,
 * audio tokens included (OpenAI's $40 per 1M audio input tokens is {@code 0.00004} per token). Unit
 * prices are the same on every service tier. A unit the event sends without a price here is an
 * unpriced unit: counted and listed, never priced at $0.
 *
 * <p><b>Calls without a model</b>: an entry with {@code model} "" and an {@code endpoint} prices
 * the calls of that provider and endpoint that name no model, by its units (e.g. {@code requests}).
 *
 * @param source       where the price was read (a public pricing page), or null for tenant overrides
 * @param tiers        long-context tiers, by ascending threshold; empty when the model has one price
 * @param serviceTiers prices of the non-standard service tiers the entry gives; never holds STANDARD
 * @param units        USD per unit, by unit name (case-sensitive, as events send them)
 * @param endpoint     for a model-less entry (model ""), the endpoint it prices; else null
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
        List<Tier> tiers,
        Map<ServiceTier, TierPrice> serviceTiers,
        Map<String, BigDecimal> units,
        @Nullable String endpoint) {

    /**
     * A service tier's prices: a {@code multiplier} of every standard price, or explicit per-token
     * prices (missing cache and reasoning prices fall back to this tier's own input and output).
     */
    public record TierPrice(@Nullable BigDecimal multiplier, @Nullable BigDecimal input, @Nullable BigDecimal output,
            @Nullable BigDecimal cachedInput, @Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning) {

        public TierPrice {
            if ((multiplier == null) == (input == null || output == null)) {
                throw new IllegalArgumentException("a service tier has either a multiplier or input and output prices");
            }
            requireNonNegative("tier multiplier", multiplier);
            requireNonNegative("tier input", input);
            requireNonNegative("tier output", output);
            requireNonNegative("tier cachedInput", cachedInput);
            requireNonNegative("tier cacheWrite", cacheWrite);
            requireNonNegative("tier reasoning", reasoning);
        }

        public static TierPrice multiplier(BigDecimal multiplier) {
            return new TierPrice(multiplier, null, null, null, null, null);
        }

        /**
         * The prices under their JSON names, in the order the catalog and the API write them ({@code multiplier},
         * {@code input}, {@code cachedInput}, {@code cacheWrite}, {@code output}, {@code reasoning}); absent ones
         * are left out.
         */
        public Map<String, BigDecimal> fields() {
            String[] names = {"multiplier", "input", "cachedInput", "cacheWrite", "output", "reasoning"};
            @Nullable
            BigDecimal[] prices = {multiplier, input, cachedInput, cacheWrite, output, reasoning};
            Map<String, BigDecimal> fields = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                BigDecimal price = prices[i];
                if (price != null) {
                    fields.put(names[i], price);
                }
            }
            return fields;
        }
    }

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

        Rates times(Rates tier, Rates standard) {
            return new Rates(scale(input, tier.input, standard.input), scale(output, tier.output, standard.output),
                    scale(cachedInput, tier.cachedInput, standard.cachedInput), scale(cacheWrite, tier.cacheWrite, standard.cacheWrite),
                    scale(reasoning, tier.reasoning, standard.reasoning), this.tier);
        }

        /** {@code value × tierPrice / standardPrice}, exact whenever the ratio is (50%, 25%, 2×, ...). */
        private static BigDecimal scale(BigDecimal value, BigDecimal tierPrice, BigDecimal standardPrice) {
            if (standardPrice.signum() == 0) {
                return tierPrice;
            }
            return value.multiply(tierPrice).divide(standardPrice, MathContext.DECIMAL128).stripTrailingZeros();
        }
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
        serviceTiers = serviceTiers.isEmpty() ? Map.of() : new EnumMap<>(serviceTiers);
        if (serviceTiers.containsKey(ServiceTier.STANDARD)) {
            throw new IllegalArgumentException("the standard tier's prices are the entry's own");
        }
        units = Map.copyOf(new TreeMap<>(units));
        units.forEach((unit, usd) -> requireNonNegative("unit " + unit, usd));
        if (model.isEmpty() && (endpoint == null || endpoint.isEmpty())) {
            throw new IllegalArgumentException("a price without a model names the endpoint it prices");
        }
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

    /** A price without service tiers, units or endpoint. */
    public Price(String provider, String model, Instant effectiveFrom, BigDecimal input, BigDecimal output,
            @Nullable BigDecimal cachedInput, @Nullable BigDecimal cacheWrite, @Nullable BigDecimal reasoning,
            @Nullable String source, List<Tier> tiers) {
        this(provider, model, effectiveFrom, input, output, cachedInput, cacheWrite, reasoning, source, tiers, Map.of(),
                Map.of(), null);
    }

    /** Whether this entry prices calls without a model (by provider and endpoint). */
    public boolean modelLess() {
        return model.isEmpty();
    }

    /** The name the entry is looked up by: the model, or {@code @endpoint} for a model-less entry. */
    public String lookupName() {
        return modelLess() ? endpointKey(Objects.requireNonNull(endpoint)) : model;
    }

    /** The lookup name of a model-less call of {@code endpoint}. */
    public static String endpointKey(String endpoint) {
        return "@" + endpoint;
    }

    /** Identifies the entry that priced an event, e.g. {@code openai/gpt-4o@2024-10-01T00:00:00Z}. */
    public String reference() {
        return provider + "/" + lookupName() + "@" + effectiveFrom;
    }

    /** The entry and, when one applied, its tier: {@code google/gemini-2.5-pro@2025-06-17T00:00:00Z>200000}. */
    public String reference(Rates rates) {
        return rates.tier() == null ? reference() : reference() + ">" + rates.tier();
    }

    /**
     * The entry, its long-context tier and its service tier when not standard:
     * {@code openai/gpt-4o-mini@2024-07-18T00:00:00Z#batch} (the {@code #tier} suffix names the tier
     * whose prices applied, also when the entry has none of its own and the standard ones did:
     * {@code #batch=standard}).
     */
    public String reference(Rates rates, ServiceTier serviceTier) {
        return reference(reference(), rates, serviceTier);
    }

    /**
     * {@link #reference(Rates, ServiceTier)} after {@code base}, this entry's {@link #reference()} (prefixed for a
     * tenant's own price) spelled once by the catalog or the overrides holding the entry, not once per priced event.
     */
    String reference(String base, Rates rates, ServiceTier serviceTier) {
        String reference = rates.tier() == null ? base : base + ">" + rates.tier();
        if (serviceTier == ServiceTier.STANDARD) {
            return reference;
        }
        return reference + "#" + serviceTier.code() + (serviceTiers.containsKey(serviceTier) ? "" : "=standard");
    }

    /**
     * The prices for a request on {@code serviceTier} with {@code inputTokens} prompt tokens: the
     * standard rates ({@link #ratesFor(long)}) scaled by the service tier's ratio per token kind, or
     * the standard rates when the entry has no prices for that tier.
     */
    public Rates ratesFor(long inputTokens, ServiceTier serviceTier) {
        Rates standard = ratesFor(inputTokens);
        TierPrice price = serviceTiers.get(serviceTier);
        if (price == null) {
            return standard;
        }
        Rates base = rates(input, output, cachedInput, cacheWrite, reasoning, null);
        Rates tier;
        if (price.multiplier() != null) {
            BigDecimal m = price.multiplier();
            tier = new Rates(base.input().multiply(m), base.output().multiply(m), base.cachedInput().multiply(m),
                    base.cacheWrite().multiply(m), base.reasoning().multiply(m), null);
        } else {
            tier = rates(Objects.requireNonNull(price.input()), Objects.requireNonNull(price.output()), price.cachedInput(),
                    price.cacheWrite(), price.reasoning(), null);
        }
        return standard.tier() == null
                ? new Rates(tier.input(), tier.output(), tier.cachedInput(), tier.cacheWrite(),
                        tier.reasoning(), null)
                : standard.times(tier, base);
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
