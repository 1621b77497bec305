package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    private static final BudgetPeriod DAY = BudgetPeriod.containing(PeriodUnit.DAY, ZoneId.of("UTC"),
            Instant.parse("2026-11-23T00:00:00Z"));
    private static final BigDecimal LIMIT = new BigDecimal("100");

    @Test
    void extrapolatesTheSpendLinearlyOverTheWholePeriod() {
        Projection p = Projection.linear(new BigDecimal("40"), LIMIT, DAY, Instant.parse("2026-11-23T12:00:00Z"), 6);
        assertThat(p.endOfPeriod()).isEqualByComparingTo("80");
        assertThat(p.elapsedShare()).isEqualTo(0.5);
        assertThat(p.crossingAt()).isNull();
    }

    @Test
    void saysWhenThePaceCrossesTheLimitWithinThePeriod() {
        Projection p = Projection.linear(new BigDecimal("60"), LIMIT, DAY, Instant.parse("2026-11-23T12:00:00Z"), 6);
        assertThat(p.endOfPeriod()).isEqualByComparingTo("120");
        // 60 in 12 hours: 100 after 20 hours
        assertThat(p.crossingAt()).isEqualTo(Instant.parse("2026-11-23T20:00:00Z"));
    }

    @Test
    void aLimitAlreadyCrossedHasNoCrossingAhead() {
        Projection p = Projection.linear(new BigDecimal("100"), LIMIT, DAY, Instant.parse("2026-11-23T06:00:00Z"), 6);
        assertThat(p.endOfPeriod()).isEqualByComparingTo("400");
        assertThat(p.crossingAt()).isNull();
    }

    @Test
    void reachingTheLimitExactlyAtThePeriodEndIsNoCrossingWithinIt() {
        Projection p = Projection.linear(new BigDecimal("50"), LIMIT, DAY, Instant.parse("2026-11-23T12:00:00Z"), 6);
        assertThat(p.endOfPeriod()).isEqualByComparingTo("100");
        assertThat(p.crossingAt()).isNull();
    }

    @Test
    void nothingSpentOrNothingElapsedProjectsTheSpendItself() {
        assertThat(Projection.linear(BigDecimal.ZERO, LIMIT, DAY, Instant.parse("2026-11-23T12:00:00Z"), 6).endOfPeriod()).isZero();
        Projection atStart = Projection.linear(new BigDecimal("5"), LIMIT, DAY, DAY.start(), 6);
        assertThat(atStart.endOfPeriod()).isEqualByComparingTo("5");
        assertThat(atStart.crossingAt()).isNull();
        Projection after = Projection.linear(new BigDecimal("70"), LIMIT, DAY, DAY.end().plusSeconds(60), 6);
        assertThat(after.endOfPeriod()).isEqualByComparingTo("70");
        assertThat(after.elapsedShare()).isEqualTo(1.0);
    }

    @Test
    void usesTheRealLengthOfA23HourDay() {
        BudgetPeriod spring = BudgetPeriod.containing(PeriodUnit.DAY, ZoneId.of("Europe/Berlin"), Instant.parse("2026-03-29T12:00:00Z"));
        // 23 hours; after 11.5 of them half the day has passed.
        Instant half = OffsetDateTime.parse("2026-03-29T00:00:00+01:00").toInstant().plusSeconds(11 * 3600 + 1800);
        Projection p = Projection.linear(new BigDecimal("30"), LIMIT, spring, half, 6);
        assertThat(p.elapsedShare()).isEqualTo(0.5);
        assertThat(p.endOfPeriod()).isEqualByComparingTo("60");
    }

    @Test
    void tokensProjectToWholeNumbers() {
        Projection p = Projection.linear(new BigDecimal("1000"), new BigDecimal("5000"), DAY, Instant.parse("2026-11-23T07:00:00Z"), 0);
        assertThat(p.endOfPeriod()).isEqualTo(new BigDecimal("3429")); // 1000 × 24 / 7 = 3428.57
    }
}
