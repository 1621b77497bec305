package dev.tokenmeter.deploy.demo;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * When a project sends traffic over the week, as a factor from 0 to 1 (1 = its busiest hour).
 * Hourly values are interpolated linearly, so per-minute charts show no steps.
 */
enum Rhythm {

    /** People at work: busy on weekday business hours, a lunch dip, quiet nights and weekends. */
    BUSINESS {
        @Override
        double hourly(DayOfWeek day, int hour) {
            return WORKDAY[hour] * DAY[day.ordinal()];
        }
    },
    /** A queue drained around the clock, fuller while people feed it during the day. */
    STEADY {
        @Override
        double hourly(DayOfWeek day, int hour) {
            return 0.45 + 0.55 * BUSINESS.hourly(day, hour);
        }
    },
    /** A nightly batch job, every night from 01:00 to 05:00. */
    NIGHTLY {
        @Override
        double hourly(DayOfWeek day, int hour) {
            return hour >= 1 && hour < 5 ? 1.0 : 0.04;
        }
    },
    /** Evaluation runs kicked off after the work day, on weekdays. */
    EVENING {
        @Override
        double hourly(DayOfWeek day, int hour) {
            boolean weekday = day.getValue() <= DayOfWeek.FRIDAY.getValue();
            return weekday && hour >= 19 ? 1.0 : 0.08;
        }
    };

    // Share of the busiest hour, 00:00 to 23:00.
    private static final double[] WORKDAY = {
            0.10, 0.08, 0.07, 0.07, 0.08, 0.12, 0.22, 0.42, 0.72, 0.93, 1.00, 0.98,
            0.84, 0.92, 1.00, 0.97, 0.88, 0.70, 0.50, 0.38, 0.30, 0.24, 0.17, 0.12};
    // Monday to Sunday.
    private static final double[] DAY = {0.95, 1.00, 1.00, 0.98, 0.85, 0.30, 0.25};

    abstract double hourly(DayOfWeek day, int hour);

    /** The factor at an instant, in the zone of {@code time}. */
    double at(ZonedDateTime time) {
        ZonedDateTime hour = time.truncatedTo(ChronoUnit.HOURS);
        ZonedDateTime next = hour.plusHours(1);
        double fraction = ChronoUnit.SECONDS.between(hour, time) / 3600.0;
        return hourly(hour.getDayOfWeek(), hour.getHour()) * (1 - fraction)
                + hourly(next.getDayOfWeek(), next.getHour()) * fraction;
    }
}
