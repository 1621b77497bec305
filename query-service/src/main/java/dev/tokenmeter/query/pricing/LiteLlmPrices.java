package dev.tokenmeter.query.pricing;

import static dev.tokenmeter.query.pricing.PriceFile.number;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.query.pricing.ImportedPrice.Amount;
import dev.tokenmeter.query.pricing.ImportedPrice.TierAmounts;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * LiteLLM's {@code model_prices_and_context_window.json}: an object whose keys are model names
 * (often {@code <litellm_provider>/<model>}) and whose values give prices in USD per token
 * ({@code input_cost_per_token}, {@code output_cost_per_token}, {@code cache_read_input_token_cost},
 * {@code cache_creation_input_token_cost}, {@code output_cost_per_reasoning_token}).
 */
final class LiteLlmPrices {

    /** Modes whose prices are per text token; image, audio, rerank, moderation, ... are priced otherwise. */
    private static final Set<String> TOKEN_MODES = Set.of("chat", "completion", "embedding", "responses");
    private static final Set<String> TOKEN_FIELDS = Set.of("input_cost_per_token", "output_cost_per_token",
            "cache_read_input_token_cost", "cache_creation_input_token_cost", "output_cost_per_reasoning_token");
    /** LiteLLM's suffix of a service tier's fields. */
    private static final Map<String, ServiceTier> TIER_SUFFIXES = new LinkedHashMap<>(Map.of());

    static {
        TIER_SUFFIXES.put("batches", ServiceTier.BATCH);
        TIER_SUFFIXES.put("flex", ServiceTier.FLEX);
        TIER_SUFFIXES.put("priority", ServiceTier.PRIORITY);
    }

    /** LiteLLM fields priced per one unit, and the {@code usage.units} name events send for it (API.md §4). */
    private static final Map<String, String> UNITS = Map.of(
            "output_cost_per_image", "images",
            "input_cost_per_audio_token", "audioInputTokens",
            "output_cost_per_audio_token", "audioOutputTokens",
            "cache_read_input_audio_token_cost", "cachedAudioInputTokens",
            "input_cost_per_request", "requests");
    /** LiteLLM provider names that Tokenmeter's catalog spells otherwise; any other is kept as LiteLLM spells it. */
    private static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("text-completion-openai", "openai"),
            Map.entry("gemini", "google"),
            Map.entry("codestral", "mistral"),
            Map.entry("cohere_chat", "cohere"),
            Map.entry("together_ai", "together"),
            Map.entry("bedrock_converse", "bedrock"));

    private LiteLlmPrices() {
    }

    static void read(JsonNode file, PriceFile.Collector out) {
        for (Map.Entry<String, JsonNode> entry : file.properties()) {
            out.entry();
            String key = entry.getKey();
            JsonNode spec = entry.getValue();
            if (key.equals("sample_spec")) {
                out.skip(key, "the format's documentation entry, not a model");
            } else if (!spec.isObject()) {
                out.skip(key, "not an object");
            } else {
                read(key, spec, out);
            }
        }
    }

    private static void read(String key, JsonNode spec, PriceFile.Collector out) {
        String mode = text(spec, "mode");
        if (mode != null && !TOKEN_MODES.contains(mode)) {
            out.skip(key, "mode " + mode
                    + " not supported: only per-token prices of chat, completion, embedding and responses models are imported");
            return;
        }
        String litellmProvider = text(spec, "litellm_provider");
        if (litellmProvider == null) {
            out.skip(key, "no litellm_provider");
            return;
        }
        BigDecimal input = number(spec, "input_cost_per_token");
        BigDecimal output = number(spec, "output_cost_per_token");
        if (input == null || (output == null && !"embedding".equals(mode))) {
            out.skip(key, "no per-token price (input_cost_per_token and output_cost_per_token)");
            return;
        }
        Set<String> longContext = fields(spec, name -> name.contains("_above_") && !name.contains("_above_1hr"));
        if (!longContext.isEmpty()) {
            out.skip(key, "long-context prices (" + String.join(", ", longContext) + ") cannot be stored as tenant prices yet");
            return;
        }
        Amount inputAmount = Amount.perToken(input);
        Amount outputAmount = Amount.perToken(output == null ? BigDecimal.ZERO : output);
        Map<ServiceTier, TierAmounts> tiers = new EnumMap<>(ServiceTier.class);
        for (Map.Entry<String, ServiceTier> tier : TIER_SUFFIXES.entrySet()) {
            serviceTier(key, spec, tier.getKey(), tier.getValue(), inputAmount, outputAmount, out)
                    .ifPresent(amounts -> tiers.put(tier.getValue(), amounts));
        }
        Map<String, BigDecimal> units = new TreeMap<>();
        UNITS.forEach((field, unit) -> {
            BigDecimal price = number(spec, field);
            if (price != null && price.signum() > 0) {
                units.put(unit, price);
            }
        });
        out.add(new ImportedPrice(key, provider(litellmProvider), model(key, litellmProvider), inputAmount, outputAmount,
                amount(spec, "cache_read_input_token_cost"), amount(spec, "cache_creation_input_token_cost"),
                amount(spec, "output_cost_per_reasoning_token"), tiers, units));
        skipParts(key, spec, out);
    }

    /**
     * The tier's prices when the file gives its input and output price per token; a tier with only some
     * of them (e.g. a cache price alone) is skipped, since its other prices would be guesses.
     */
    private static Optional<TierAmounts> serviceTier(String key, JsonNode spec, String suffix, ServiceTier tier,
            Amount standardInput, Amount standardOutput, PriceFile.Collector out) {
        Set<String> fields = fields(spec, name -> name.endsWith("_" + suffix));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal input = number(spec, "input_cost_per_token_" + suffix);
        BigDecimal output = number(spec, "output_cost_per_token_" + suffix);
        if (input == null || output == null) {
            out.skip(key + " [" + tier.code() + "]", tier.code() + " prices need input_cost_per_token_" + suffix
                    + " and output_cost_per_token_" + suffix + "; the file gives only " + String.join(", ", fields));
            return Optional.empty();
        }
        Amount cached = amount(spec, "cache_read_input_token_cost_" + suffix);
        Amount cacheWrite = amount(spec, "cache_creation_input_token_cost_" + suffix);
        Amount reasoning = amount(spec, "output_cost_per_reasoning_token_" + suffix);
        Amount tierInput = Amount.perToken(input);
        Amount tierOutput = Amount.perToken(output);
        BigDecimal multiplier = cached == null && cacheWrite == null && reasoning == null
                ? commonRatio(tierInput.perMillion(), standardInput.perMillion(), tierOutput.perMillion(), standardOutput.perMillion())
                : null;
        Set<String> unknown = new TreeSet<>(fields);
        unknown.removeAll(Set.of("input_cost_per_token_" + suffix, "output_cost_per_token_" + suffix,
                "cache_read_input_token_cost_" + suffix, "cache_creation_input_token_cost_" + suffix,
                "output_cost_per_reasoning_token_" + suffix));
        if (!unknown.isEmpty()) {
            out.skip(key + " [" + tier.code() + " units]", tier.code() + " prices of other units have no place: unit prices are the same"
                    + " on every service tier (" + String.join(", ", unknown) + ")");
        }
        return Optional.of(new TierAmounts(tierInput, tierOutput, cached, cacheWrite, reasoning, multiplier));
    }

    /** {@code a ÷ b} when it equals {@code c ÷ d} exactly and both standard prices are positive, else null. */
    private static @Nullable BigDecimal commonRatio(BigDecimal a, BigDecimal b, BigDecimal c, BigDecimal d) {
        if (b.signum() <= 0 || d.signum() <= 0) {
            return null;
        }
        BigDecimal first = a.divide(b, MathContext.DECIMAL64);
        BigDecimal second = c.divide(d, MathContext.DECIMAL64);
        return first.compareTo(second) == 0 ? first.stripTrailingZeros() : null;
    }

    /** Prices of the entry that a tenant price cannot hold, one skipped line naming them and why. */
    private static void skipParts(String key, JsonNode spec, PriceFile.Collector out) {
        Set<String> other = fields(spec, name -> (name.contains("cost") || name.contains("price")) && !TOKEN_FIELDS.contains(name)
                && !UNITS.containsKey(name) && TIER_SUFFIXES.keySet().stream().noneMatch(tier -> name.endsWith("_" + tier)));
        if (!other.isEmpty()) {
            out.skip(key + " [units]", "no usage.units name maps cleanly onto these (priced per character, second, pixel, or per search"
                    + " context size while webSearches has one price): " + String.join(", ", other));
        }
    }

    /** Non-zero numeric fields whose names pass {@code test}, sorted. */
    private static Set<String> fields(JsonNode spec, Predicate<String> test) {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> field : spec.properties()) {
            JsonNode value = field.getValue();
            boolean priced = value.isNumber() ? value.decimalValue().signum() != 0 : value.isObject();
            if (priced && test.test(field.getKey())) {
                names.add(field.getKey());
            }
        }
        return names;
    }

    static String provider(String litellmProvider) {
        String name = PriceFile.lower(litellmProvider);
        if (name.startsWith("vertex_ai")) {
            return "vertex_ai";
        }
        return PROVIDERS.getOrDefault(name, name);
    }

    /** The key without its {@code <litellm_provider>/} prefix, lower-cased as tenant prices are stored. */
    static String model(String key, String litellmProvider) {
        String prefix = litellmProvider + "/";
        String model = key.startsWith(prefix)
                ? key.substring(prefix.length())
                : litellmProvider.startsWith("vertex_ai") && key.startsWith("vertex_ai/")
                        ? key.substring("vertex_ai/".length())
                        : key;
        return PriceFile.lower(model);
    }

    private static @Nullable Amount amount(JsonNode spec, String field) {
        BigDecimal value = number(spec, field);
        return value == null ? null : Amount.perToken(value);
    }

    private static @Nullable String text(JsonNode spec, String field) {
        JsonNode value = spec.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
