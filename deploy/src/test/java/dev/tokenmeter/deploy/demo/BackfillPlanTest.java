package dev.tokenmeter.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {

    // A Monday, so the 30 days before hold four whole weeks.
    private static final Instant ANCHOR = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    void theHistoryHasExactlyTheAskedNumberOfEventsInOrderWithinTheLast30Days() {
        List<Instant> times = new ArrayList<>();
        new BackfillPlan(ANCHOR, 150_000, 1).forEach(times::add);

        assertThat(times).hasSize(150_000).isSorted();
        assertThat(times.get(0)).isAfterOrEqualTo(ANCHOR.minus(Duration.ofDays(30)));
        assertThat(times.get(times.size() - 1)).isBefore(ANCHOR);
    }

    @Test
    void weekdayBusinessHoursAreMuchBusierThanSundayNight() {
        int[] perHour = new BackfillPlan(ANCHOR, 150_000, 1).perHour();
        Instant start = ANCHOR.minus(BackfillPlan.SPAN);
        long businessHours = 0;
        long sundayNights = 0;
        int businessCount = 0;
        int sundayCount = 0;
        for (int hour = 0; hour < perHour.length; hour++) {
            ZonedDateTime at = ZonedDateTime.ofInstant(start.plus(Duration.ofHours(hour)), ZoneOffset.UTC);
            boolean weekday = at.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
            if (weekday && at.getHour() >= 10 && at.getHour() < 16) {
                businessHours += perHour[hour];
                businessCount++;
            } else if (at.getDayOfWeek() == DayOfWeek.SUNDAY && at.getHour() >= 20) {
                sundayNights += perHour[hour];
                sundayCount++;
            }
        }
        double businessPerHour = businessHours / (double) businessCount;
        double sundayNightPerHour = sundayNights / (double) sundayCount;
        assertThat(businessPerHour).isGreaterThan(4 * sundayNightPerHour);
    }

    @Test
    void weekdaysCarryMoreThanWeekendDays() {
        DemoWorld world = DemoWorld.standard();
        ZonedDateTime tuesdayNoon = ZonedDateTime.parse("2026-11-17T11:00:00Z");
        ZonedDateTime sundayNight = ZonedDateTime.parse("2026-11-22T03:00:00Z");
        ZonedDateTime saturdayNoon = ZonedDateTime.parse("2026-11-21T11:00:00Z");

        assertThat(world.intensity(tuesdayNoon)).isGreaterThan(3 * world.intensity(sundayNight));
        assertThat(world.intensity(tuesdayNoon)).isGreaterThan(2 * world.intensity(saturdayNoon));
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        List<Instant> first = new ArrayList<>();
        List<Instant> second = new ArrayList<>();
        new BackfillPlan(ANCHOR, 5_000, 9).forEach(first::add);
        new BackfillPlan(ANCHOR, 5_000, 9).forEach(second::add);

        assertThat(first).isEqualTo(second);
    }
}
