package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.web.CamelCaseParam;
import dev.tokenmeter.wire.WireNames;
import java.util.Locale;
import java.util.function.Function;

/** How often a budget notifies its channels: {@code perThreshold} or {@code daily} in the API (its {@link #param()}). */
enum NotifyPolicy implements CamelCaseParam {
    /** Each threshold (and the forecast) once per period: the rule of the first version. */
    PER_THRESHOLD,
    /**
     * At most one notification per budget per 24 hours: the highest threshold crossed is sent, the
     * lower ones crossed with it are recorded as covered by it, and a threshold crossed within 24 h of
     * the last notification waits until the 24 h have passed (then it is sent if still crossed in the period).
     */
    DAILY;

    /** The value of column {@code budget.notify}: the name in lower case ({@code per_threshold}, {@code daily}). */
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NotifyPolicy fromColumn(String column) {
        return find(NotifyPolicy::column, column);
    }

    static NotifyPolicy fromParam(String param) {
        return find(NotifyPolicy::param, param);
    }

    private static NotifyPolicy find(Function<NotifyPolicy, String> spelling, String value) {
        return WireNames.find(values(), spelling, value)
                .orElseThrow(() -> new IllegalArgumentException("No notification policy '" + value + "'"));
    }
}
