package dev.tokenmeter.pricing;

import dev.tokenmeter.event.ServiceTier;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON forms of a price's {@code serviceTiers} and {@code units}, as the catalog writes them and
 * as tenant prices are stored ({@code price_override.service_tiers}, {@code .units}). Exact decimals.
 */
public final class PriceJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private PriceJson() {
    }

    /** {@code {"batch": {"multiplier": 0.5}, "priority": {"input": 4.25, "output": 17}}}; empty for null. */
    public static Map<ServiceTier, Price.TierPrice> serviceTiers(@Nullable String json) {
        return json == null ? Map.of() : CatalogJson.serviceTiers(JSON.readTree(json));
    }

    /** {@code {"webSearches": 0.01}}: USD per unit; empty for null. */
    public static Map<String, BigDecimal> units(@Nullable String json) {
        return json == null ? Map.of() : CatalogJson.units(JSON.readTree(json));
    }

    public static @Nullable String write(Map<ServiceTier, Price.TierPrice> tiers) {
        if (tiers.isEmpty()) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        tiers.forEach((tier, price) -> price.fields().forEach(node.putObject(tier.code())::put));
        return JSON.writeValueAsString(node);
    }

    /** {@code {"webSearches": 0.01}}, exact decimals in the map's order; null for no units. */
    public static @Nullable String writeUnits(Map<String, BigDecimal> units) {
        return units.isEmpty() ? null : JSON.writeValueAsString(units);
    }
}
