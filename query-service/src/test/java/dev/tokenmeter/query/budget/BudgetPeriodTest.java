package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDayRunsFromLocalMidnightToTheNext() {
        BudgetPeriod day = BudgetPeriod.containing(PeriodUnit.DAY, BERLIN, Instant.parse("2026-11-23T22:59:59Z"));
        assertThat(day.start()).isEqualTo(at("2026-11-23T00:00:00+01:00"));
        assertThat(day.end()).isEqualTo(at("2026-11-24T00:00:00+01:00"));
        assertThat(BudgetPeriod.containing(PeriodUnit.DAY, BERLIN, Instant.parse("2026-11-23T23:00:00Z")).start())
                .isEqualTo(at("2026-11-24T00:00:00+01:00"));
    }

    @Test
    void theSpringForwardDayHas23HoursAndTheFallBackDay25() {
        BudgetPeriod spring = BudgetPeriod.containing(PeriodUnit.DAY, BERLIN, at("2026-03-29T12:00:00+02:00"));
        assertThat(spring.start()).isEqualTo(at("2026-03-29T00:00:00+01:00"));
        assertThat(spring.length()).isEqualTo(Duration.ofHours(23));
        BudgetPeriod fall = BudgetPeriod.containing(PeriodUnit.DAY, BERLIN, at("2026-10-25T02:30:00+01:00"));
        assertThat(fall.start()).isEqualTo(at("2026-10-25T00:00:00+02:00"));
        assertThat(fall.end()).isEqualTo(at("2026-10-26T00:00:00+01:00"));
        assertThat(fall.length()).isEqualTo(Duration.ofHours(25));
        assertThat(fall.local(fall.end())).isEqualTo("2026-10-26T00:00:00+01:00");
    }

    @Test
    void aDayStartsAtItsFirstInstantWhereDstSkipsMidnight() {
        // São Paulo sprang forward at midnight on 2018-11-04: the day began at 01:00 local.
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        BudgetPeriod day = BudgetPeriod.containing(PeriodUnit.DAY, saoPaulo, Instant.parse("2018-11-04T12:00:00Z"));
        assertThat(day.start()).isEqualTo(at("2018-11-04T01:00:00-02:00"));
        assertThat(day.length()).isEqualTo(Duration.ofHours(23));
        assertThat(day.next().start()).isEqualTo(day.end());
    }

    @Test
    void aWeekStartsOnMondayAndSpansADstChange() {
        BudgetPeriod week = BudgetPeriod.containing(PeriodUnit.WEEK, BERLIN, at("2026-03-29T23:30:00+02:00")); // a Sunday
        assertThat(week.start()).isEqualTo(at("2026-03-23T00:00:00+01:00"));
        assertThat(week.end()).isEqualTo(at("2026-03-30T00:00:00+02:00"));
        assertThat(week.length()).isEqualTo(Duration.ofDays(7).minusHours(1));
        assertThat(BudgetPeriod.containing(PeriodUnit.WEEK, BERLIN, week.end()).start()).isEqualTo(week.end());
    }

    @Test
    void aMonthStartsOnTheFirstInFractionalOffsetZones() {
        BudgetPeriod kathmandu = BudgetPeriod.containing(PeriodUnit.MONTH, ZoneId.of("Asia/Kathmandu"),
                Instant.parse("2028-02-29T18:15:00Z"));
        assertThat(kathmandu.start()).isEqualTo(at("2028-03-01T00:00:00+05:45"));
        assertThat(kathmandu.end()).isEqualTo(at("2028-04-01T00:00:00+05:45"));
        BudgetPeriod kolkata = BudgetPeriod.containing(PeriodUnit.MONTH, ZoneId.of("Asia/Kolkata"), Instant.parse("2028-02-29T18:00:00Z"));
        assertThat(kolkata.start()).isEqualTo(at("2028-02-01T00:00:00+05:30"));
        assertThat(kolkata.length()).isEqualTo(Duration.ofDays(29));
    }

    @Test
    void theNextPeriodBeginsWhereThisOneEnds() {
        BudgetPeriod october = BudgetPeriod.containing(PeriodUnit.MONTH, ZoneId.of("America/New_York"), at("2026-10-31T23:59:59-04:00"));
        BudgetPeriod november = october.next();
        assertThat(november.start()).isEqualTo(october.end()).isEqualTo(at("2026-11-01T00:00:00-04:00"));
        assertThat(november.end()).isEqualTo(at("2026-12-01T00:00:00-05:00"));
        assertThat(november.length()).isEqualTo(Duration.ofDays(30).plusHours(1));
    }

    @Test
    void elapsedShareRunsFromZeroToOne() {
        BudgetPeriod day = BudgetPeriod.containing(PeriodUnit.DAY, ZoneId.of("UTC"), Instant.parse("2026-11-23T06:00:00Z"));
        assertThat(day.elapsedShare(Instant.parse("2026-11-22T23:00:00Z"))).isZero();
        assertThat(day.elapsedShare(Instant.parse("2026-11-23T06:00:00Z"))).isEqualTo(0.25);
        assertThat(day.elapsedShare(Instant.parse("2026-11-25T00:00:00Z"))).isEqualTo(1.0);
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }
}
