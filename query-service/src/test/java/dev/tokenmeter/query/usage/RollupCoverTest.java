package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.range.Bucket;
import dev.tokenmeter.query.range.BucketUnit;
import dev.tokenmeter.query.range.Buckets;
import dev.tokenmeter.query.range.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollupCoverTest {

    private static final long QUARTER = 900;
    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu",
            "Australia/Lord_Howe", "Europe/London", "Pacific/Chatham");

    @Test
    void everyQuarterOfEveryBucketIsCountedExactlyOnceWithOrWithoutSubtraction() {
        Random random = new Random(8);
        for (int trial = 0; trial < 400; trial++) {
            ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
            LocalDate start = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(360));
            Instant from = start.atStartOfDay(zone).toInstant().plusSeconds(random.nextBoolean() ? 0 : random.nextInt(40) * QUARTER);
            Instant to = from.plusSeconds((1 + random.nextInt(24 * 4 * 40)) * QUARTER);
            BucketUnit unit = List.of(BucketUnit.HOUR, BucketUnit.DAY, BucketUnit.WEEK, BucketUnit.MONTH).get(random.nextInt(4));
            List<Bucket> buckets = Buckets.of(new TimeRange(from, to, zone), unit, 10_000);
            Instant alignedFrom = from;
            Instant alignedTo = to;
            for (boolean subtract : new boolean[] {false, true}) {
                RollupCover cover = RollupCover.of(buckets, alignedFrom, alignedTo, subtract);
                assertThat(net(cover, buckets)).as("%s %s %s..%s subtract=%s", zone, unit, from, to, subtract)
                        .isEqualTo(expected(buckets, alignedFrom, alignedTo));
                for (RollupCover.Part part : cover.parts()) {
                    for (int i = 1; i < part.starts().size(); i++) {
                        assertThat(part.starts().get(i)).as("starts ascend, for width_bucket").isAfter(part.starts().get(i - 1));
                    }
                }
            }
        }
    }

    @Test
    void newYorkDaysReadADayAndFourHoursInsteadOfTwentyFourHours() {
        ZoneId zone = ZoneId.of("America/New_York");
        Instant from = LocalDate.of(2026, 9, 1).atStartOfDay(zone).toInstant();
        Instant to = LocalDate.of(2026, 10, 1).atStartOfDay(zone).toInstant();
        List<Bucket> buckets = Buckets.of(new TimeRange(from, to, zone), BucketUnit.DAY, 10_000);

        int plain = reads(RollupCover.of(buckets, from, to, false));
        int subtracting = reads(RollupCover.of(buckets, from, to, true));

        assertThat(plain).isEqualTo(30 * 24);
        // Each day's row; the four hours before 04:00 UTC of each of the 31 days touched, read once:
        // added to the day before by their time, taken from their own day.
        assertThat(subtracting).isEqualTo(30 + 31 * 4);
    }

    @Test
    void utcDaysAndHourBucketsNeedNoSubtraction() {
        Instant from = Instant.parse("2026-09-01T00:00:00Z");
        Instant to = Instant.parse("2026-09-08T00:00:00Z");
        List<Bucket> days = Buckets.of(new TimeRange(from, to, ZoneId.of("UTC")), BucketUnit.DAY, 10_000);
        List<Bucket> hours = Buckets.of(new TimeRange(from, to, ZoneId.of("America/New_York")), BucketUnit.HOUR, 10_000);

        assertThat(RollupCover.of(days, from, to, true).parts())
                .allMatch(p -> p.sign() == 1 && p.buckets() == null || p.starts().isEmpty());
        assertThat(RollupCover.of(days, from, to, true).parts()).noneMatch(RollupCover.Part::twice);
        assertThat(RollupCover.of(hours, from, to, true).parts())
                .allMatch(p -> p.sign() == 1 && p.buckets() == null || p.starts().isEmpty());
    }

    private static int reads(RollupCover cover) {
        return cover.parts().stream().mapToInt(p -> p.starts().size()).sum();
    }

    /** (bucket index, quarter start) → how many times the cover counts that quarter in that bucket. */
    private static Map<String, Integer> net(RollupCover cover, List<Bucket> buckets) {
        Map<String, Integer> net = new HashMap<>();
        for (RollupCover.Part part : cover.parts()) {
            for (int i = 0; i < part.starts().size(); i++) {
                Instant start = part.starts().get(i);
                int bucket = part.buckets() != null ? part.buckets().get(i) : bucketOf(buckets, start);
                for (long s = 0; s < part.step(); s += QUARTER) {
                    net.merge(bucket + "@" + start.plusSeconds(s), part.sign(), Integer::sum);
                    if (part.twice()) {
                        net.merge(bucketOf(buckets, start) + "@" + start.plusSeconds(s), 1, Integer::sum);
                    }
                }
            }
        }
        net.values().removeIf(n -> n == 0);
        return net;
    }

    private static Map<String, Integer> expected(List<Bucket> buckets, Instant alignedFrom, Instant alignedTo) {
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            for (Instant t = b.start(); t.isBefore(b.end()); t = t.plusSeconds(QUARTER)) {
                if (!t.isBefore(alignedFrom) && t.isBefore(alignedTo)) {
                    expected.put(i + "@" + t, 1);
                }
            }
        }
        return expected;
    }

    private static int bucketOf(List<Bucket> buckets, Instant time) {
        for (int i = 0; i < buckets.size(); i++) {
            if (!time.isBefore(buckets.get(i).start()) && time.isBefore(buckets.get(i).end())) {
                return i;
            }
        }
        return -1;
    }
}
