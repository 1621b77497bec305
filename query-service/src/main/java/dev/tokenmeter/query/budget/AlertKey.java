package dev.tokenmeter.query.budget;

import dev.tokenmeter.wire.LowerCaseCode;
import java.util.Locale;

/**
 * Which alert of a budget's period: a threshold crossed, or the forecast. Each is raised at most
 * once per budget and period.
 *
 * @param threshold percent of the limit; 100 for the forecast
 */
record AlertKey(Kind kind, int threshold) {

    enum Kind implements LowerCaseCode {
        /** The spend of the period reached a threshold. */
        THRESHOLD,
        /** At the current pace the spend will reach the limit before the period ends. */
        FORECAST;

        static Kind fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    static AlertKey threshold(int percent) {
        return new AlertKey(Kind.THRESHOLD, percent);
    }

    static AlertKey forecast() {
        return new AlertKey(Kind.FORECAST, 100);
    }
}
