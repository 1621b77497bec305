package dev.tokenmeter.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Event times as text for the database, exactly as {@link Instant#toString()} writes them
 * ({@code 2026-03-01T12:14:59.123456Z}: fraction digits in groups of three, none for a whole second),
 * without the general formatter it goes through: every event's time is written for its fingerprint and
 * again for the store.
 */
public final class Timestamps {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years {@link Instant#toString()} writes with four digits. */
    private static final long YEAR_0 = -62_167_219_200L;
    private static final long YEAR_9999_END = 253_402_300_799L;

    private Timestamps() {
    }

    /** Appends {@code time} as {@link Instant#toString()} spells it. */
    public static StringBuilder append(StringBuilder out, Instant time) {
        if (time.getEpochSecond() < YEAR_0 || time.getEpochSecond() > YEAR_9999_END) {
            // Signed or five-digit years: rare enough for the general formatter.
            return out.append(time);
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        digits(out, utc.getYear(), 4).append('-');
        digits(out, utc.getMonthValue(), 2).append('-');
        digits(out, utc.getDayOfMonth(), 2).append('T');
        digits(out, utc.getHour(), 2).append(':');
        digits(out, utc.getMinute(), 2).append(':');
        digits(out, utc.getSecond(), 2);
        int nano = time.getNano();
        if (nano != 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(out, nano / 1_000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
        return out.append('Z');
    }

    /** {@code time.toString()}, written faster. */
    public static String format(Instant time) {
        return append(new StringBuilder(27), time).toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
