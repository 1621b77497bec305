package dev.tokenmeter.query.rules;

import dev.tokenmeter.wire.LowerCaseCode;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The settings of a rule, one shape per kind; {@link #view()} is how the API shows them and how they are stored. */
sealed interface RuleSpec {

    Map<String, Object> view();

    /** Whether the measure is past the threshold ({@code above}: greater than; {@code below}: less than). */
    enum Comparison implements LowerCaseCode {
        ABOVE, BELOW;

        boolean crosses(BigDecimal value, BigDecimal threshold) {
            int c = value.compareTo(threshold);
            return this == ABOVE ? c > 0 : c < 0;
        }

        /** Back on the good side of the clear threshold (inclusive). */
        boolean cleared(BigDecimal value, BigDecimal clear) {
            int c = value.compareTo(clear);
            return this == ABOVE ? c <= 0 : c >= 0;
        }
    }

    /**
     * A usage rule.
     *
     * @param window         how far back each evaluation looks: whole minutes, 5 minutes to 1 day
     * @param threshold      fires when the measure crosses it
     * @param clearThreshold resolves only when the measure is back past it (at or below for {@code above});
     *                       defaults to the threshold
     * @param clearAfter     consecutive evaluations past the clear threshold before it resolves (default 1)
     */
    record Usage(Duration window, Measure measure, Comparison comparison, BigDecimal threshold, BigDecimal clearThreshold,
            int clearAfter) implements RuleSpec {

        @Override
        public Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("window", window(window));
            view.put("measure", measure.code());
            view.put("comparison", comparison.code());
            view.put("threshold", threshold);
            view.put("clearThreshold", clearThreshold);
            view.put("clearAfter", clearAfter);
            return view;
        }

        static String window(Duration window) {
            long minutes = window.toMinutes();
            return minutes % 1440 == 0 ? minutes / 1440 + "d" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
        }
    }

    /**
     * A spend anomaly watch.
     *
     * @param granularity  {@code day}: today so far; {@code hour}: this hour so far
     * @param k            how many spreads above the baseline's mean the spend must be
     * @param minSpendUsd  spend below this never alerts, however unusual
     */
    record Anomaly(Granularity granularity, ZoneId zone, BigDecimal k, BigDecimal minSpendUsd) implements RuleSpec {

        enum Granularity implements LowerCaseCode {
            DAY, HOUR;
        }

        @Override
        public Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("granularity", granularity.code());
            view.put("tz", zone.getId());
            view.put("k", k);
            view.put("minSpendUsd", minSpendUsd);
            return view;
        }
    }

    /**
     * A digest.
     *
     * @param day        the weekday a weekly digest goes out on (ignored for daily)
     * @param at         the local time it goes out at
     * @param topMovers  how many projects and models to show as movers
     */
    record Digest(Cadence cadence, DayOfWeek day, LocalTime at, ZoneId zone, int topMovers) implements RuleSpec {

        enum Cadence implements LowerCaseCode {
            DAILY, WEEKLY;

            /** How many whole local days a digest of this cadence reports on, and how far apart two digests go out. */
            int days() {
                return this == DAILY ? 1 : 7;
            }
        }

        @Override
        public Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("cadence", cadence.code());
            if (cadence == Cadence.WEEKLY) {
                view.put("day", day.name().toLowerCase(Locale.ROOT));
            }
            view.put("at", at.toString());
            view.put("tz", zone.getId());
            view.put("topMovers", topMovers);
            return view;
        }
    }
}
