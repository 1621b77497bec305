package dev.tokenmeter.pricing;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the catalog file format ({@code pricing/catalog.schema.json}): {@code prices} (entries
 * with optional {@code tiers} and {@code deprecated} date) and {@code aliases} ({@code provider},
 * {@code pattern}, {@code model}).
 * Documentation-only fields ({@code checked}, {@code via}, {@code note}) are not needed to price.
 */
final class CatalogJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CatalogJson() {
    }

    static PriceCatalog read(InputStream in) {
        return read(JSON.readTree(in));
    }

    static PriceCatalog read(JsonNode catalog) {
        List<Price> prices = new ArrayList<>();
        Map<String, LocalDate> deprecated = new HashMap<>();
        for (JsonNode entry : catalog.path("prices")) {
            JsonNode retired = entry.get("deprecated");
            if (retired != null && !retired.isNull()) {
                deprecated.merge(PriceOverrides.key(entry.path("provider").asString(), entry.path("model").asString()),
                        LocalDate.parse(retired.asString()), (a, b) -> a.isAfter(b) ? a : b);
            }
            List<Price.Tier> tiers = new ArrayList<>();
            for (JsonNode tier : entry.path("tiers")) {
                tiers.add(new Price.Tier(tier.path("aboveInputTokens").longValue(), tier.path("input").decimalValue(),
                        tier.path("output").decimalValue(), optional(tier, "cachedInput"), optional(tier, "cacheWrite"),
                        optional(tier, "reasoning")));
            }
            prices.add(new Price(
                    entry.path("provider").asString(),
                    entry.path("model").asString(),
                    Instant.parse(entry.path("effectiveFrom").asString()),
                    entry.path("input").decimalValue(),
                    entry.path("output").decimalValue(),
                    optional(entry, "cachedInput"),
                    optional(entry, "cacheWrite"),
                    optional(entry, "reasoning"),
                    entry.path("source").asString(),
                    tiers));
        }
        List<ModelAlias> aliases = new ArrayList<>();
        for (JsonNode alias : catalog.path("aliases")) {
            aliases.add(ModelAlias.of(alias.path("provider").asString(), alias.path("pattern").asString(),
                    alias.path("model").asString()));
        }
        return PriceCatalog.of(prices, aliases, deprecated);
    }

    private static @Nullable BigDecimal optional(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.decimalValue();
    }
}
