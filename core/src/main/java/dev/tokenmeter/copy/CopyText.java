package dev.tokenmeter.copy;

import org.jspecify.annotations.Nullable;

/**
 * Values in the text format of PostgreSQL's {@code COPY ... FROM STDIN}: columns separated by tabs, one
 * line per row, {@code \N} for null, and backslash, tab, newline and carriage return escaped with a
 * backslash. Most values have none of those characters: they are appended whole, after one scan.
 */
public final class CopyText {

    /** A null column. */
    public static final String NULL = "\\N";

    private CopyText() {
    }

    /** Appends {@code value} escaped, or {@link #NULL}; answers {@code out}. */
    public static StringBuilder append(StringBuilder out, @Nullable CharSequence value) {
        if (value == null) {
            return out.append(NULL);
        }
        int first = firstSpecial(value);
        if (first < 0) {
            return out.append(value);
        }
        out.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    private static int firstSpecial(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }
}
