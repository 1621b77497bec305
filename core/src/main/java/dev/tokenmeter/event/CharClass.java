package dev.tokenmeter.event;

/**
 * The check of a regular expression {@code [set]{1,max}} over ASCII characters, without a regex
 * engine per value (ids, tenants and tag keys are checked for every event). {@code set} is written as
 * in a regex class: ranges like {@code a-z} and single characters, a {@code -} last standing for itself.
 */
final class CharClass {

    private final boolean[] allowed = new boolean[128];
    private final int max;
    private final String regex;

    private CharClass(String set, int max) {
        for (int i = 0; i < set.length(); i++) {
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                for (char c = set.charAt(i); c <= set.charAt(i + 2); c++) {
                    allowed[c] = true;
                }
                i += 2;
            } else {
                allowed[set.charAt(i)] = true;
            }
        }
        this.max = max;
        this.regex = "[" + set + "]{1," + max + "}";
    }

    static CharClass of(String set, int max) {
        return new CharClass(set, max);
    }

    /** Whether the whole value matches {@link #regex()}. */
    boolean matches(String value) {
        if (value.isEmpty() || value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= allowed.length || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    /** The regular expression this class checks, e.g. {@code [a-z0-9_-]{1,64}}. */
    String regex() {
        return regex;
    }
}
