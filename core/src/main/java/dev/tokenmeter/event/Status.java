package dev.tokenmeter.event;

import java.util.Locale;

/** Outcome of the metered call. */
public enum Status {
    SUCCESS, ERROR, TIMEOUT;

    /** Spelled once: every event is validated, aggregated and written with it. */
    private final String code = name().toLowerCase(Locale.ROOT);

    /** The contract's spelling: {@code success}, {@code error}, {@code timeout}. */
    public String code() {
        return code;
    }
}
