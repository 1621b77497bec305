package dev.tokenmeter.bench.report;

import java.time.Duration;
import java.util.Locale;

/** How numbers read in the report: thousands separated, as many decimals as the magnitude needs. */
public final class Format {

    private Format() {
    }

    /** {@code 51,234}, {@code 48.7}, {@code 3.14}, {@code 0.042}. */
    public static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 0.1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** A factor: {@code 120}, {@code 23.4}, {@code 0.31}. */
    public static String ratio(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return value >= 100
                ? String.format(Locale.ROOT, "%,.0f", value)
                : value >= 10
                        ? String.format(Locale.ROOT, "%.1f", value)
                        : String.format(Locale.ROOT, "%.2f", value);
    }

    /** {@code 31%}, {@code 4.2%}. */
    public static String percent(double fraction) {
        double percent = fraction * 100;
        return percent >= 10 ? String.format(Locale.ROOT, "%.0f%%", percent) : String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** {@code 12.3 s}, {@code 4 min 05 s}. */
    public static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** {@code 1,000,000}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
