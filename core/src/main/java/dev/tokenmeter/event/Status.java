package dev.tokenmeter.event;

import java.util.Locale;

/** Outcome of the metered call. */
public enum Status {
    SUCCESS, ERROR, TIMEOUT;

    /** The contract's spelling: {@code success}, {@code error}, {@code timeout}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
