package dev.tokenmeter.query.pricing;

import static dev.tokenmeter.query.pricing.PriceFile.number;

import dev.tokenmeter.query.pricing.ImportedPrice.Amount;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * pydantic's genai-prices {@code prices/data.json}: an array of providers ({@code id}, {@code models}),
 * each model with {@code id} and {@code prices} in USD per 1 000 000 tokens ({@code input_mtok},
 * {@code output_mtok}, {@code cache_read_mtok}, {@code cache_write_mtok}). {@code prices} is one
 * object, or a list of them where later ones carry a {@code constraint}: from a {@code start_date}
 * on, or at a time of day.
 */
final class GenAiPrices {

    private static final Set<String> TOKEN_FIELDS = Set.of("input_mtok", "output_mtok", "cache_read_mtok", "cache_write_mtok");
    /** genai-prices provider ids that Tokenmeter's catalog spells otherwise. */
    private static final Map<String, String> PROVIDERS = Map.of("x-ai", "xai");

    private GenAiPrices() {
    }

    static void read(JsonNode file, Instant at, PriceFile.Collector out) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        for (JsonNode provider : file) {
            String id = provider.path("id").asString("");
            for (JsonNode model : provider.path("models")) {
                out.entry();
                read(id, model, day, out);
            }
        }
    }

    private static void read(String providerId, JsonNode model, LocalDate day, PriceFile.Collector out) {
        String key = providerId + "/" + model.path("id").asString("");
        JsonNode prices;
        try {
            prices = inForce(model.path("prices"), day);
        } catch (DateTimeException e) {
            out.skip(key, "a constraint's start_date is not a date YYYY-MM-DD");
            return;
        }
        if (prices == null) {
            out.skip(key, "time-of-day prices (constraint start_time/end_time) not supported");
            return;
        }
        Set<String> tiered = new TreeSet<>();
        for (Map.Entry<String, JsonNode> field : prices.properties()) {
            if (field.getValue().isObject()) {
                tiered.add(field.getKey());
            }
        }
        if (!tiered.isEmpty()) {
            out.skip(key, "long-context prices (" + String.join(", ", tiered) + " with tiers) cannot be stored as tenant prices yet");
            return;
        }
        BigDecimal input = number(prices, "input_mtok");
        BigDecimal output = number(prices, "output_mtok");
        if (input == null && output == null) {
            out.skip(key, "no per-token price (input_mtok, output_mtok)");
            return;
        }
        String provider = PriceFile.lower(PROVIDERS.getOrDefault(providerId, providerId));
        // genai-prices leaves out what is not charged, so a missing input or output price is 0.
        out.add(new ImportedPrice(key, provider, PriceFile.lower(model.path("id").asString("")),
                Amount.perMillion(input == null ? BigDecimal.ZERO : input),
                Amount.perMillion(output == null ? BigDecimal.ZERO : output),
                amount(prices, "cache_read_mtok"), amount(prices, "cache_write_mtok"), null));
        Set<String> other = new TreeSet<>();
        for (Map.Entry<String, JsonNode> field : prices.properties()) {
            if (!TOKEN_FIELDS.contains(field.getKey())) {
                other.add(field.getKey());
            }
        }
        if (!other.isEmpty()) {
            out.skip(key + " [units]", "audio-token and per-request prices not imported yet (" + String.join(", ", other) + ")");
        }
    }

    /**
     * The price object in force on {@code day}: the unconstrained one, replaced by each later one whose
     * {@code start_date} is on or before it (a missing node when none is); null when a time-of-day constraint makes it depend on the hour.
     */
    private static @Nullable JsonNode inForce(JsonNode prices, LocalDate day) {
        if (!prices.isArray()) {
            return prices;
        }
        JsonNode current = null;
        for (JsonNode item : prices) {
            JsonNode constraint = item.get("constraint");
            if (constraint == null || constraint.isNull()) {
                current = current == null ? item.path("prices") : current;
            } else if (constraint.has("start_time") || constraint.has("end_time")) {
                return null;
            } else if (constraint.has("start_date") && !LocalDate.parse(constraint.get("start_date").asString()).isAfter(day)) {
                current = item.path("prices");
            }
        }
        return current != null ? current : MissingNode.getInstance();
    }

    private static @Nullable Amount amount(JsonNode prices, String field) {
        BigDecimal value = number(prices, field);
        return value == null ? null : Amount.perMillion(value);
    }
}
