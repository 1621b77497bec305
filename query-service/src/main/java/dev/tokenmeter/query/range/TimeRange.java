package dev.tokenmeter.query.range;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A half-open interval {@code [from, to)} read in a time zone: the zone decides where local days,
 * weeks and months begin.
 */
public record TimeRange(Instant from, Instant to, ZoneId zone) {

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The period of equal length just before this one. */
    public TimeRange previous() {
        return new TimeRange(from.minus(length()), from, zone);
    }
}
