package dev.tokenmeter.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DigestPeriodTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final RuleSpec.Digest WEEKLY = new RuleSpec.Digest(RuleSpec.Digest.Cadence.WEEKLY, DayOfWeek.MONDAY, LocalTime.of(9, 0), BERLIN,
            5);

    @Test
    void aWeeklyDigestAtMonday9InBerlinCoversTheLocalWeekBefore() {
        // Monday 2026-12-07 09:00 CET = 08:00 UTC
        DigestPeriod period = DigestPeriod.latest(WEEKLY, Instant.parse("2026-12-07T08:00:30Z"));
        assertThat(period.scheduledAt()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(period.from()).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
        assertThat(period.to()).isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
        assertThat(period.previousFrom()).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
    }

    @Test
    void beforeTheSendTimeTheLatestScheduleIsTheWeekBefore() {
        DigestPeriod period = DigestPeriod.latest(WEEKLY, Instant.parse("2026-12-07T07:59:59Z"));
        assertThat(period.scheduledAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void aWeekAcrossTheEndOfSummerTimeHas169Hours() {
        // Monday 2026-10-26 09:00 CET; the week before holds the 25-hour Sunday 2026-10-25
        DigestPeriod period = DigestPeriod.latest(WEEKLY, Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(period.from()).isEqualTo(Instant.parse("2026-10-18T22:00:00Z"));
        assertThat(period.to()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(java.time.Duration.between(period.from(), period.to()).toHours()).isEqualTo(169);
    }

    @Test
    void aDailyDigestCoversYesterdayInItsZone() {
        RuleSpec.Digest daily = new RuleSpec.Digest(RuleSpec.Digest.Cadence.DAILY, DayOfWeek.MONDAY, LocalTime.of(7, 30),
                ZoneId.of("Asia/Kolkata"), 5);
        DigestPeriod period = DigestPeriod.latest(daily, Instant.parse("2026-12-06T02:00:00Z")); // 07:30 IST
        assertThat(period.scheduledAt()).isEqualTo(Instant.parse("2026-12-06T02:00:00Z"));
        assertThat(period.from()).isEqualTo(Instant.parse("2026-12-04T18:30:00Z"));
        assertThat(period.to()).isEqualTo(Instant.parse("2026-12-05T18:30:00Z"));
    }
}
