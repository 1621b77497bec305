package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-23T23:00:00Z");

    static Budget budget(Limit limit, List<Integer> thresholds, boolean forecast) {
        return new Budget("bud_0000000000000001", "acme", "Support bot", Map.of("project", List.of("support-bot")),
                PeriodUnit.DAY, ZoneId.of("UTC"), limit, thresholds, forecast, false, NotifyPolicy.PER_THRESHOLD, List.of(),
                Instant.EPOCH, Instant.EPOCH);
    }

    private static Evaluation evaluate(Budget budget, Instant at, String usd, long tokens) {
        return Evaluation.of(budget, budget.periodAt(at), at, new BigDecimal(usd), tokens, 3);
    }

    @Test
    void aThresholdIsCrossedWhenTheSpendReachesItExactly() {
        Budget budget = budget(Limit.usd(new BigDecimal("10")), List.of(50, 80, 100), true);
        Evaluation e = evaluate(budget, LATE, "8.000000", 0);
        assertThat(e.crossed()).containsExactly(50, 80);
        assertThat(e.share()).isEqualByComparingTo("0.8");
        assertThat(evaluate(budget, LATE, "7.999999999", 0).crossed()).containsExactly(50);
        assertThat(evaluate(budget, LATE, "0", 0).crossed()).isEmpty();
        assertThat(evaluate(budget, LATE, "12", 0).crossed()).containsExactly(50, 80, 100);
    }

    @Test
    void aTokenLimitCountsTotalTokens() {
        Budget budget = budget(Limit.tokens(1_000_000), List.of(50, 80, 100), false);
        Evaluation e = evaluate(budget, LATE, "999", 600_000);
        assertThat(e.spent()).isEqualByComparingTo("600000");
        assertThat(e.share()).isEqualByComparingTo("0.6");
        assertThat(e.crossed()).containsExactly(50);
    }

    @Test
    void theForecastAlertComesWhenThePaceCrossesTheLimitBeforeThePeriodEnds() {
        Budget budget = budget(Limit.usd(new BigDecimal("10")), List.of(50, 80, 100), true);
        // 6 USD by noon: 12 by the end of the day, the limit crossed at 20:00.
        Evaluation e = evaluate(budget, NOON, "6", 0);
        assertThat(e.alertsDue(10)).containsExactly(AlertKey.threshold(50), AlertKey.forecast());
        assertThat(e.projection().crossingAt()).isEqualTo(Instant.parse("2026-11-23T20:00:00Z"));
    }

    @Test
    void noForecastAlertBeforeEnoughOfThePeriodHasPassed() {
        Budget budget = budget(Limit.usd(new BigDecimal("10")), List.of(50, 80, 100), true);
        Instant early = Instant.parse("2026-11-23T02:00:00Z"); // 8.3% of the day
        assertThat(evaluate(budget, early, "1", 0).alertsDue(10)).isEmpty();
        assertThat(evaluate(budget, early, "1", 0).alertsDue(5)).containsExactly(AlertKey.forecast());
    }

    @Test
    void noForecastAlertWhenTheBudgetDoesNotWantOneOrTheLimitIsReached() {
        Budget quiet = budget(Limit.usd(new BigDecimal("10")), List.of(50, 80, 100), false);
        assertThat(evaluate(quiet, NOON, "6", 0).alertsDue(10)).containsExactly(AlertKey.threshold(50));
        Budget loud = budget(Limit.usd(new BigDecimal("10")), List.of(90), true);
        Evaluation over = evaluate(loud, NOON, "10", 0);
        assertThat(over.limitReached()).isTrue();
        assertThat(over.alertsDue(10)).containsExactly(AlertKey.threshold(90));
    }

    @Test
    void aSlowPaceRaisesOnlyTheThresholdsCrossed() {
        Budget budget = budget(Limit.usd(new BigDecimal("10")), List.of(50, 80, 100), true);
        Evaluation e = evaluate(budget, LATE, "5.5", 0);
        assertThat(e.alertsDue(10)).containsExactly(AlertKey.threshold(50));
        assertThat(e.projection().endOfPeriod()).isEqualByComparingTo("5.739130"); // 5.5 × 24 / 23
    }

    @Test
    void theAlertBodyCarriesTheFiguresAndASlackText() {
        Budget budget = budget(Limit.usd(new BigDecimal("10")), List.of(50, 80, 100), true);
        AlertBody body = AlertBody.of("alr_0000000000000001", evaluate(budget, NOON, "8.5", 1234), AlertKey.threshold(80), NOON, false);
        assertThat(body.type()).isEqualTo("budget.threshold");
        assertThat(body.spent()).isEqualByComparingTo("8.5");
        assertThat(body.limit()).isEqualByComparingTo("10");
        assertThat(body.share()).isEqualByComparingTo("0.85");
        assertThat(body.period().start()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(body.projection().endOfPeriod()).isEqualByComparingTo("17");
        assertThat(body.projection().crossingAt()).isEqualTo("2026-11-23T14:07:04Z");
        assertThat(body.text()).contains("Support bot", "acme", "80%", "$8.50 of $10.00", "(85%)", "$17.00").doesNotContain("[TEST]");
        AlertBody test = AlertBody.of("alr_0000000000000003", evaluate(budget, NOON, "8.5", 1234), AlertKey.threshold(80), NOON, true);
        assertThat(test.test()).isTrue();
        assertThat(test.text()).startsWith("[TEST] ");
        AlertBody forecast = AlertBody.of("alr_0000000000000002", evaluate(budget, NOON, "6", 0), AlertKey.forecast(), NOON, false);
        assertThat(forecast.type()).isEqualTo("budget.forecast");
        assertThat(forecast.text()).contains("on pace to exceed", "2026-11-23T20:00:00Z", "$12.00");
    }
}
