package dev.tokenmeter.event;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The provider's billing tier of a call (API.md §4): OpenAI's batch, flex and priority processing,
 * Anthropic's and Google's batch APIs. {@link #STANDARD} when the event names none.
 */
public enum ServiceTier {
    STANDARD, BATCH, FLEX, PRIORITY;

    /** Spelled once: every event is validated, aggregated and written with it. */
    private final String code = name().toLowerCase(Locale.ROOT);

    /** The contract's spelling: {@code standard}, {@code batch}, {@code flex}, {@code priority}. */
    public String code() {
        return code;
    }

    /** The tier spelled {@code code} (case-sensitive, as the contract spells it), or null. */
    public static @Nullable ServiceTier of(String code) {
        for (ServiceTier tier : values()) {
            if (tier.code().equals(code)) {
                return tier;
            }
        }
        return null;
    }
}
