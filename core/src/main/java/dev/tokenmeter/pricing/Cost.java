package dev.tokenmeter.pricing;

import dev.tokenmeter.event.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The cost of one event and where it came from.
 *
 * @param usd       exact cost in USD; zero when unpriced
 * @param source    who decided the cost
 * @param reference the price entry used ({@link Price#reference()}, prefixed {@code override:} for a
 *                  tenant's own price), null unless computed
 * @param unitCosts what each priced {@code usage.units} entry cost (included in {@code usd}); a unit of
 *                  the event missing here had no price (an unpriced unit). Empty for a provider-reported
 *                  cost, which covers the whole call.
 */
public record Cost(BigDecimal usd, Source source, @Nullable String reference, Map<String, BigDecimal> unitCosts) {

    /** Rounds to what the store keeps ({@link Money#storable}), so every sum of costs is a sum of stored amounts. */
    public Cost {
        usd = Money.storable(usd);
        if (unitCosts.isEmpty()) {
            // Nearly every event: no unit costs, and no map to build for them.
            unitCosts = java.util.Collections.emptySortedMap();
        } else {
            TreeMap<String, BigDecimal> rounded = new TreeMap<>();
            unitCosts.forEach((unit, cost) -> rounded.put(unit, Money.storable(cost)));
            unitCosts = java.util.Collections.unmodifiableSortedMap(rounded);
        }
    }

    public Cost(BigDecimal usd, Source source, @Nullable String reference) {
        this(usd, source, reference, Map.of());
    }

    public enum Source {
        /** The publisher sent {@code costUsd}: it wins over any price. */
        PROVIDER,
        /** Computed from a built-in catalog entry. */
        CATALOG,
        /** Computed from the tenant's own price (a {@code PUT /prices} override), which wins over the catalog. */
        OVERRIDE,
        /** No price known for the model at the event's time: cost 0, counted as unpriced. */
        UNPRICED
    }

    public static Cost unpriced() {
        return new Cost(BigDecimal.ZERO, Source.UNPRICED, null);
    }

    public boolean priced() {
        return source != Source.UNPRICED;
    }
}
