package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.range.Bucket;
import dev.tokenmeter.query.range.Buckets;
import dev.tokenmeter.query.range.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One period of a budget, {@code [start, end)}: from a local midnight in the budget's zone to the
 * next one a day, week (ISO, Monday) or month later. The boundaries are those of the usage
 * timeline's buckets, so a 23- or 25-hour DST day is one period.
 */
record BudgetPeriod(PeriodUnit unit, ZoneId zone, Instant start, Instant end) {

    /** Wide enough that the bucket holding the instant is never clipped: a month is at most 31 days. */
    private static final Duration AROUND = Duration.ofDays(32);

    /** The period that holds {@code at}. */
    static BudgetPeriod containing(PeriodUnit unit, ZoneId zone, Instant at) {
        TimeRange around = new TimeRange(at.minus(AROUND), at.plus(AROUND), zone);
        for (Bucket bucket : Buckets.of(around, unit.bucket(), 100)) {
            if (!at.isBefore(bucket.start()) && at.isBefore(bucket.end())) {
                return new BudgetPeriod(unit, zone, bucket.start(), bucket.end());
            }
        }
        throw new IllegalStateException("No " + unit.code() + " bucket holds " + at);
    }

    Duration length() {
        return Duration.between(start, end);
    }

    /** The period right after this one. */
    BudgetPeriod next() {
        return containing(unit, zone, end);
    }

    /** Share of the period that has passed at {@code at}, from 0 to 1. */
    double elapsedShare(Instant at) {
        if (!at.isAfter(start)) {
            return 0;
        }
        if (!at.isBefore(end)) {
            return 1;
        }
        return (double) Duration.between(start, at).toMillis() / length().toMillis();
    }

    /** RFC 3339 with the offset the zone has at that instant, as the usage timeline writes times. */
    String local(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
    }
}
