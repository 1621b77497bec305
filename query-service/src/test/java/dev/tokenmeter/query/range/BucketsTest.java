package dev.tokenmeter.query.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.web.BadParameter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketsTest {

    static TimeRange days(String zone, String from, String to) {
        ZoneId z = ZoneId.of(zone);
        return new TimeRange(LocalDate.parse(from).atStartOfDay(z).toInstant(), LocalDate.parse(to).atStartOfDay(z).toInstant(), z);
    }

    static List<Duration> lengths(List<Bucket> buckets) {
        return buckets.stream().map(b -> Duration.between(b.start(), b.end())).toList();
    }

    @Test
    void springForwardDayInNewYorkIsOneBucketOf23Hours() {
        List<Bucket> buckets = Buckets.of(days("America/New_York", "2026-03-07", "2026-03-10"), BucketUnit.DAY, 100);

        assertThat(lengths(buckets)).containsExactly(Duration.ofHours(24), Duration.ofHours(23), Duration.ofHours(24));
        assertThat(buckets.get(1).start()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
    }

    @Test
    void fallBackDayInNewYorkIsOneBucketOf25HoursAnd25HourBuckets() {
        TimeRange day = days("America/New_York", "2026-11-01", "2026-11-02");

        assertThat(lengths(Buckets.of(day, BucketUnit.DAY, 100))).containsExactly(Duration.ofHours(25));
        List<Bucket> hours = Buckets.of(day, BucketUnit.HOUR, 100);
        assertThat(hours).hasSize(25).allSatisfy(h -> assertThat(Duration.between(h.start(), h.end())).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void springForwardDayHas23HourBuckets() {
        assertThat(Buckets.of(days("Europe/London", "2026-03-29", "2026-03-30"), BucketUnit.HOUR, 100)).hasSize(23);
    }

    @Test
    void daysInKolkataAndKathmanduStartAtLocalMidnight() {
        assertThat(Buckets.of(days("Asia/Kolkata", "2026-11-01", "2026-11-03"), BucketUnit.DAY, 10).get(1).start())
                .isEqualTo(Instant.parse("2026-11-01T18:30:00Z"));
        assertThat(Buckets.of(days("Asia/Kathmandu", "2026-11-01", "2026-11-03"), BucketUnit.DAY, 10).get(1).start())
                .isEqualTo(Instant.parse("2026-11-01T18:15:00Z"));
        assertThat(Buckets.of(days("Asia/Kathmandu", "2026-11-01", "2026-11-02"), BucketUnit.HOUR, 100).get(1).start())
                .isEqualTo(Instant.parse("2026-10-31T19:15:00Z"));
    }

    @Test
    void lordHoweThirtyMinuteDstDaysAreTwentyFourAndAHalfAndTwentyThreeAndAHalfHours() {
        // DST ends the first Sunday of April (02:00 -> 01:30), starts the first Sunday of October (02:00 -> 02:30).
        assertThat(lengths(Buckets.of(days("Australia/Lord_Howe", "2026-04-05", "2026-04-06"), BucketUnit.DAY, 10)))
                .containsExactly(Duration.ofMinutes(24 * 60 + 30));
        assertThat(lengths(Buckets.of(days("Australia/Lord_Howe", "2026-10-04", "2026-10-05"), BucketUnit.DAY, 10)))
                .containsExactly(Duration.ofMinutes(23 * 60 + 30));
        List<Bucket> hours = Buckets.of(days("Australia/Lord_Howe", "2026-10-04", "2026-10-05"), BucketUnit.HOUR, 100);
        assertThat(hours.stream().map(b -> Duration.between(b.start(), b.end())).reduce(Duration.ZERO, Duration::plus))
                .isEqualTo(Duration.ofMinutes(23 * 60 + 30));
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirst() {
        TimeRange range = days("UTC", "2026-11-04", "2026-12-10");

        List<Bucket> weeks = Buckets.of(range, BucketUnit.WEEK, 100);
        assertThat(weeks.get(0).start()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
        assertThat(weeks.get(1).start()).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
        assertThat(Buckets.of(range, BucketUnit.MONTH, 100)).extracting(Bucket::start)
                .containsExactly(Instant.parse("2026-11-04T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void bucketsAreClippedToTheRangeAndAddUpToIt() {
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        TimeRange range = new TimeRange(Instant.parse("2026-11-01T10:07:00Z"), Instant.parse("2026-11-03T01:02:03Z"), zone);

        List<Bucket> buckets = Buckets.of(range, BucketUnit.DAY, 10);
        assertThat(buckets.get(0).start()).isEqualTo(range.from());
        assertThat(buckets.get(buckets.size() - 1).end()).isEqualTo(range.to());
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).start()).isEqualTo(buckets.get(i - 1).end());
        }
    }

    @Test
    void tooManyBucketsIsABadBucketParameter() {
        assertThatThrownBy(() -> Buckets.of(days("UTC", "2026-01-01", "2026-12-01"), BucketUnit.MINUTE, 10_000))
                .isInstanceOfSatisfying(BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("bucket"));
    }
}
