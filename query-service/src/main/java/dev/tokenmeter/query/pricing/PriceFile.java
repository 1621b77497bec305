package dev.tokenmeter.query.pricing;

import dev.tokenmeter.wire.WireNames;
import dev.tokenmeter.query.web.BadParameter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An open price file read into tenant prices: LiteLLM's {@code model_prices_and_context_window.json}
 * (an object of model entries) or pydantic's genai-prices {@code data.json} (an array of providers).
 * What cannot become a tenant price is kept with the reason, never dropped silently.
 */
record PriceFile(Format format, List<ImportedPrice> prices, List<Skipped> skipped) {

    enum Format {
        LITELLM("litellm"), GENAI_PRICES("genai-prices");

        final String code;

        Format(String code) {
            this.code = code;
        }

        static Format of(String code) {
            return WireNames.find(values(), f -> f.code, code)
                    .orElseThrow(() -> new BadParameter("format", "must be litellm or genai-prices"));
        }
    }

    /** An entry, or a part of one (its key then ends in {@code [batch]}, {@code [units]}, ...), that was not imported. */
    record Skipped(String key, String reason) {
    }

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final BigDecimal MAX_PER_MILLION = BigDecimal.valueOf(1_000_000);

    /**
     * Reads {@code file}; {@code format} null means: an array is genai-prices, an object LiteLLM.
     * genai-prices' dated prices are read as they stand at {@code at}.
     */
    static PriceFile read(JsonNode file, @Nullable Format format, Instant at, int maxEntries) {
        Format detected = file.isArray() ? Format.GENAI_PRICES : file.isObject() ? Format.LITELLM : null;
        if (detected == null) {
            throw new BadParameter("body", "must be a LiteLLM price file (a JSON object) or a genai-prices data file (a JSON array)");
        }
        if (format != null && format != detected) {
            throw new BadParameter("format", "is " + format.code + " but the body is a JSON " + (file.isArray() ? "array" : "object")
                    + ", the shape of a " + detected.code + " file");
        }
        Collector collector = new Collector(maxEntries);
        if (detected == Format.LITELLM) {
            LiteLlmPrices.read(file, collector);
        } else {
            GenAiPrices.read(file, at, collector);
        }
        return new PriceFile(detected, collector.prices, collector.skipped);
    }

    /** Gathers prices and skips, refusing duplicates and names or amounts a tenant price cannot hold. */
    static final class Collector {

        private final int maxEntries;
        private final List<ImportedPrice> prices = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private final Map<String, String> seen = new HashMap<>();
        private int entries;

        private Collector(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        /** Counts one entry of the file against the bound. */
        void entry() {
            if (++entries > maxEntries) {
                throw new BadParameter("body", "has more than " + maxEntries + " model entries"
                        + " (tokenmeter.query.price-import.max-entries); split the file");
            }
        }

        void skip(String key, String reason) {
            skipped.add(new Skipped(key, reason));
        }

        void add(ImportedPrice price) {
            String problem = problem(price);
            if (problem != null) {
                skip(price.key(), problem);
                return;
            }
            String first = seen.putIfAbsent(price.provider() + "/" + price.model(), price.key());
            if (first != null) {
                skip(price.key(), "duplicate: the entry " + first + " already gives " + price.provider() + "/" + price.model());
                return;
            }
            prices.add(price);
        }

        private static @Nullable String problem(ImportedPrice price) {
            if (price.provider().isBlank() || price.provider().length() > 64 || CONTROL.matcher(price.provider()).find()) {
                return "provider name must be 1-64 characters without control characters";
            }
            if (price.model().isBlank() || price.model().length() > 256 || CONTROL.matcher(price.model()).find()) {
                return "model name must be 1-256 characters without control characters";
            }
            for (var amount : price.amounts().entrySet()) {
                BigDecimal value = amount.getValue().perMillion();
                if (value.signum() < 0 || value.compareTo(MAX_PER_MILLION) > 0) {
                    return amount.getKey() + " price " + amount.getValue().raw() + " is out of range (0 to 1000000 per 1M tokens)";
                }
            }
            return null;
        }
    }

    /** The number in {@code entry}'s {@code field}, exactly as written; null when the field is absent or not a number. */
    static @Nullable BigDecimal number(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }

    static String lower(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
