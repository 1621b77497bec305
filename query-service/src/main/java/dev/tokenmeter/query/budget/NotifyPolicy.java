package dev.tokenmeter.query.budget;

import dev.tokenmeter.wire.WireNames;
import java.util.function.Function;

/** How often a budget notifies its channels. */
enum NotifyPolicy {
    /** Each threshold (and the forecast) once per period: the rule of the first version. */
    PER_THRESHOLD("perThreshold", "per_threshold"),
    /**
     * At most one notification per budget per 24 hours: the highest threshold crossed is sent, the
     * lower ones crossed with it are recorded as covered by it, and a threshold crossed within 24 h of
     * the last notification waits until the 24 h have passed (then it is sent if still crossed in the period).
     */
    DAILY("daily", "daily");

    private final String code;
    private final String column;

    NotifyPolicy(String code, String column) {
        this.code = code;
        this.column = column;
    }

    String code() {
        return code;
    }

    String column() {
        return column;
    }

    static NotifyPolicy fromColumn(String column) {
        return find(NotifyPolicy::column, column);
    }

    static NotifyPolicy fromCode(String code) {
        return find(NotifyPolicy::code, code);
    }

    private static NotifyPolicy find(Function<NotifyPolicy, String> spelling, String value) {
        return WireNames.find(values(), spelling, value)
                .orElseThrow(() -> new IllegalArgumentException("No notification policy '" + value + "'"));
    }
}
