package dev.tokenmeter.pricing;

import dev.tokenmeter.event.ServiceTier;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the catalog file format ({@code pricing/catalog.schema.json}): {@code prices} (entries
 * with optional long-context {@code tiers}, {@code deprecated} date, {@code serviceTiers}, {@code units},
 * and {@code endpoint} instead of {@code model} for calls without a model), {@code aliases}
 * ({@code provider}, {@code pattern}, {@code model}) and {@code providerAliases}.
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
            boolean modelLess = !entry.has("model");
            prices.add(new Price(
                    entry.path("provider").asString(),
                    modelLess ? "" : entry.path("model").asString(),
                    Instant.parse(entry.path("effectiveFrom").asString()),
                    amount(entry, "input"),
                    amount(entry, "output"),
                    optional(entry, "cachedInput"),
                    optional(entry, "cacheWrite"),
                    optional(entry, "reasoning"),
                    entry.path("source").asString(),
                    tiers,
                    serviceTiers(entry.path("serviceTiers")),
                    units(entry.path("units")),
                    modelLess ? entry.path("endpoint").asString() : null));
        }
        List<ModelAlias> aliases = new ArrayList<>();
        for (JsonNode alias : catalog.path("aliases")) {
            aliases.add(ModelAlias.of(alias.path("provider").asString(), alias.path("pattern").asString(),
                    alias.path("model").asString()));
        }
        return PriceCatalog.of(prices, aliases, providerAliases(catalog.path("providerAliases")), deprecated);
    }

    /** {@code {"batch": {"multiplier": 0.5}}} or explicit per-token prices per tier. */
    static Map<ServiceTier, Price.TierPrice> serviceTiers(JsonNode tiers) {
        Map<ServiceTier, Price.TierPrice> result = new EnumMap<>(ServiceTier.class);
        for (Map.Entry<String, JsonNode> tier : tiers.properties()) {
            ServiceTier name = ServiceTier.of(tier.getKey());
            if (name == null || name == ServiceTier.STANDARD) {
                throw new IllegalArgumentException("unknown service tier '" + tier.getKey() + "': batch, flex or priority");
            }
            JsonNode price = tier.getValue();
            result.put(name, new Price.TierPrice(optional(price, "multiplier"), optional(price, "input"), optional(price, "output"),
                    optional(price, "cachedInput"), optional(price, "cacheWrite"), optional(price, "reasoning")));
        }
        return result;
    }

    /** {@code {"webSearches": 0.01}}: USD per unit. */
    static Map<String, BigDecimal> units(JsonNode units) {
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> unit : units.properties()) {
            result.put(unit.getKey(), unit.getValue().decimalValue());
        }
        return result;
    }

    private static ProviderAliases providerAliases(JsonNode aliases) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> name : aliases.path("names").properties()) {
            names.put(name.getKey(), name.getValue().asString());
        }
        Map<String, List<ProviderAliases.Maker>> hosts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> host : aliases.path("byModelPrefix").properties()) {
            List<ProviderAliases.Maker> makers = new ArrayList<>();
            for (Map.Entry<String, JsonNode> maker : host.getValue().properties()) {
                makers.add(new ProviderAliases.Maker(maker.getKey(), maker.getValue().asString()));
            }
            hosts.put(host.getKey(), makers);
        }
        return new ProviderAliases(names, hosts);
    }

    private static BigDecimal amount(JsonNode entry, String field) {
        BigDecimal value = optional(entry, field);
        return value == null ? BigDecimal.ZERO : value;
    }

    private static @Nullable BigDecimal optional(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.decimalValue();
    }
}
