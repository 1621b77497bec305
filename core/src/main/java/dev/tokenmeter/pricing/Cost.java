package dev.tokenmeter.pricing;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The cost of one event and where it came from.
 *
 * @param usd       exact cost in USD; zero when unpriced
 * @param source    who decided the cost
 * @param reference the price entry used ({@link Price#reference()}), null unless computed
 */
public record Cost(BigDecimal usd, Source source, @Nullable String reference) {

    public enum Source {
        /** The publisher sent {@code costUsd}: it wins over any price. */
        PROVIDER,
        /** Computed from a price entry. */
        CATALOG,
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
