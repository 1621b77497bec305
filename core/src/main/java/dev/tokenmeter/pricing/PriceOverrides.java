package dev.tokenmeter.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tenants' own prices ({@code PUT /api/v1/prices}), effective-dated like catalog entries. Immutable
 * and thread-safe; looked up by tenant, provider and model (case-insensitive), the latest entry in
 * force at the event's time first.
 */
public final class PriceOverrides {

    public static final PriceOverrides NONE = new PriceOverrides(Map.of(), Map.of(), new IdentityHashMap<>());

    /** Per tenant, per lower-cased "provider/model" (or "provider/@endpoint"): prices, latest first. */
    private final Map<String, Map<String, List<Price>>> byTenant;
    /** Per tenant, its own provider aliases (alias → provider, lower case). */
    private final Map<String, Map<String, String>> aliases;
    /** Each price's reference as an event priced by it names it ({@code override:} + {@link Price#reference()}), spelled once. */
    private final IdentityHashMap<Price, String> references;

    private PriceOverrides(Map<String, Map<String, List<Price>>> byTenant, Map<String, Map<String, String>> aliases,
            IdentityHashMap<Price, String> references) {
        this.byTenant = byTenant;
        this.aliases = aliases;
        this.references = references;
    }

    /** These prices with the tenants' own provider aliases (tenant → alias → provider). */
    public PriceOverrides withAliases(Map<String, Map<String, String>> aliasesByTenant) {
        Map<String, Map<String, String>> copy = new HashMap<>();
        aliasesByTenant.forEach((tenant, names) -> {
            Map<String, String> lower = new HashMap<>();
            names.forEach((alias, provider) -> lower.put(alias.toLowerCase(Locale.ROOT), provider.toLowerCase(Locale.ROOT)));
            copy.put(tenant, Map.copyOf(lower));
        });
        return new PriceOverrides(byTenant, Map.copyOf(copy), references);
    }

    /** The tenant's own provider aliases (alias → provider), empty when it has none. */
    public Map<String, String> aliases(String tenant) {
        return aliases.getOrDefault(tenant, Map.of());
    }

    /** Overrides from tenant to its prices, in any order. */
    public static PriceOverrides of(Map<String, List<Price>> pricesByTenant) {
        Map<String, Map<String, List<Price>>> byTenant = new HashMap<>();
        IdentityHashMap<Price, String> references = new IdentityHashMap<>();
        pricesByTenant.forEach((tenant, prices) -> {
            Map<String, List<Price>> byModel = new HashMap<>();
            for (Price price : prices) {
                byModel.computeIfAbsent(key(price.provider(), price.lookupName()), k -> new ArrayList<>()).add(price);
                references.put(price, PriceCatalog.OVERRIDE_REFERENCE + price.reference());
            }
            byModel.values().forEach(list -> list.sort(Comparator.comparing(Price::effectiveFrom).reversed()));
            byTenant.put(tenant, byModel);
        });
        return new PriceOverrides(byTenant, Map.of(), references);
    }

    /** One tenant's overrides. */
    public static PriceOverrides of(String tenant, List<Price> prices) {
        return of(Map.of(tenant, prices));
    }

    /** The tenant's price for the model in force at {@code time}, if any. */
    public Optional<Price> find(String tenant, String provider, String model, Instant time) {
        Map<String, List<Price>> own = byTenant.get(tenant);
        if (own == null) {
            // Most tenants have no prices of their own: no key to build for them, per event.
            return Optional.empty();
        }
        for (Price price : own.getOrDefault(key(provider, model), List.of())) {
            if (!price.effectiveFrom().isAfter(time)) {
                return Optional.of(price);
            }
        }
        return Optional.empty();
    }

    /** Every price of the tenant, latest first per model. */
    public List<Price> prices(String tenant) {
        return byTenant.getOrDefault(tenant, Map.of()).values().stream().flatMap(List::stream).toList();
    }

    /** How an event priced by {@code price} (one of these overrides) names it: {@code override:} and its reference. */
    String reference(Price price) {
        String reference = references.get(price);
        return reference != null ? reference : PriceCatalog.OVERRIDE_REFERENCE + price.reference();
    }

    public boolean isEmpty() {
        return byTenant.values().stream().allMatch(Map::isEmpty) && aliases.values().stream().allMatch(Map::isEmpty);
    }

    static String key(String provider, String model) {
        return provider.toLowerCase(Locale.ROOT) + "/" + model.toLowerCase(Locale.ROOT);
    }
}
