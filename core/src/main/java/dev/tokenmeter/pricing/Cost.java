package dev.tokenmeter.pricing;

import dev.tokenmeter.event.Money;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The cost of one event and where it came from.
 *
 * @param usd       exact cost in USD; zero when unpriced
 * @param source    who decided the cost
 * @param reference the price entry used ({@link Price#reference()}, prefixed {@code override:} for a
 *                  tenant's own price), null unless computed
 */
public record Cost(BigDecimal usd, Source source, @Nullable String reference) {

    /** Rounds to what the store keeps ({@link Money#storable}), so every sum of costs is a sum of stored amounts. */
    public Cost {
        usd = Money.storable(usd);
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
