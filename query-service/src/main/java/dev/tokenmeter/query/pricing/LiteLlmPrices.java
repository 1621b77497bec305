package dev.tokenmeter.query.pricing;

import dev.tokenmeter.query.pricing.ImportedPrice.Amount;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
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
            out.skip(key, "mode " + mode + " not supported: only per-token prices of chat, completion, embedding and responses models are imported");
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
        out.add(new ImportedPrice(key, provider(litellmProvider), model(key, litellmProvider),
                Amount.perToken(input), Amount.perToken(output == null ? BigDecimal.ZERO : output),
                amount(spec, "cache_read_input_token_cost"), amount(spec, "cache_creation_input_token_cost"),
                amount(spec, "output_cost_per_reasoning_token")));
        skipParts(key, spec, out);
    }

    /** Prices of the entry that a tenant price cannot hold yet, one skipped line per kind. */
    private static void skipParts(String key, JsonNode spec, PriceFile.Collector out) {
        for (String tier : List.of("batches", "priority", "flex")) {
            Set<String> fields = fields(spec, name -> name.endsWith("_" + tier));
            if (!fields.isEmpty()) {
                out.skip(key + " [" + (tier.equals("batches") ? "batch" : tier) + "]",
                        (tier.equals("batches") ? "batch" : tier) + " prices not imported yet (" + String.join(", ", fields) + ")");
            }
        }
        Set<String> other = fields(spec, name -> (name.contains("cost") || name.contains("price")) && !TOKEN_FIELDS.contains(name)
                && !name.endsWith("_batches") && !name.endsWith("_priority") && !name.endsWith("_flex"));
        if (!other.isEmpty()) {
            out.skip(key + " [units]", "prices per image, audio token, character, second, query or other unit not imported yet ("
                    + String.join(", ", other) + ")");
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
        String model = key.startsWith(prefix) ? key.substring(prefix.length())
                : litellmProvider.startsWith("vertex_ai") && key.startsWith("vertex_ai/") ? key.substring("vertex_ai/".length())
                : key;
        return PriceFile.lower(model);
    }

    private static @Nullable Amount amount(JsonNode spec, String field) {
        BigDecimal value = number(spec, field);
        return value == null ? null : Amount.perToken(value);
    }

    private static @Nullable BigDecimal number(JsonNode spec, String field) {
        JsonNode value = spec.get(field);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }

    private static @Nullable String text(JsonNode spec, String field) {
        JsonNode value = spec.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
