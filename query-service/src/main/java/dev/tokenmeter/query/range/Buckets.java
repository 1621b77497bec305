package dev.tokenmeter.query.range;

import dev.tokenmeter.query.web.BadParameter;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Splits a range into the buckets of a timeline. Boundaries are local: midnights for days,
 * weeks and months (one per local date, so a 23- or 25-hour day is one bucket), and every
 * occurrence of a local HH:00 or HH:MM for hours and minutes (so the repeated hour of a DST
 * fall-back is its own bucket and the skipped one of spring-forward is absent, or only its part
 * after the jump where clocks move by 30 minutes, as on Lord Howe Island). The first and
 * last buckets are clipped to the range, so the buckets add up to exactly the range.
 */
public final class Buckets {

    private Buckets() {
    }

    public static List<Bucket> of(TimeRange range, BucketUnit unit, int maxBuckets) {
        TreeSet<Instant> boundaries = new TreeSet<>();
        ZoneId zone = range.zone();
        LocalDateTime local = truncate(range.from().atZone(zone).toLocalDateTime(), unit);
        LocalDateTime last = range.to().atZone(zone).toLocalDateTime();
        while (!local.isAfter(last)) {
            if (unit == BucketUnit.MINUTE || unit == BucketUnit.HOUR) {
                ZonedDateTime at = local.atZone(zone);
                boundaries.add(at.withEarlierOffsetAtOverlap().toInstant());
                boundaries.add(at.withLaterOffsetAtOverlap().toInstant());
            } else {
                boundaries.add(local.toLocalDate().atStartOfDay(zone).toInstant());
            }
            local = next(local, unit);
            if (boundaries.size() > maxBuckets + 2) {
                throw new BadParameter("bucket", "the range has more than " + maxBuckets + " " + unit.name().toLowerCase()
                        + " buckets; choose a larger bucket or a shorter range");
            }
        }
        List<Bucket> buckets = new ArrayList<>();
        Instant start = range.from();
        for (Instant boundary : boundaries.subSet(range.from(), false, range.to(), false)) {
            buckets.add(new Bucket(start, boundary));
            start = boundary;
        }
        buckets.add(new Bucket(start, range.to()));
        if (buckets.size() > maxBuckets) {
            throw new BadParameter("bucket", "the range has " + buckets.size() + " buckets, more than " + maxBuckets
                    + "; choose a larger bucket or a shorter range");
        }
        return buckets;
    }

    private static LocalDateTime truncate(LocalDateTime time, BucketUnit unit) {
        return switch (unit) {
            case MINUTE -> time.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
            case DAY -> time.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> time.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            case MONTH -> time.toLocalDate().withDayOfMonth(1).atStartOfDay();
        };
    }

    private static LocalDateTime next(LocalDateTime time, BucketUnit unit) {
        return switch (unit) {
            case MINUTE -> time.plusMinutes(1);
            case HOUR -> time.plusHours(1);
            case DAY -> time.plusDays(1);
            case WEEK -> time.plusWeeks(1);
            case MONTH -> time.plusMonths(1);
        };
    }
}
