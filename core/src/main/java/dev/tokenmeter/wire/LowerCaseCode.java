package dev.tokenmeter.wire;

import java.util.Locale;

/** An enum whose wire spelling is its constant's name in lower case ({@code MONTH} is {@code month}). */
public interface LowerCaseCode {

    /** Implemented by every enum constant. */
    String name();

    /** The constant's name in lower case (root locale). */
    default String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
