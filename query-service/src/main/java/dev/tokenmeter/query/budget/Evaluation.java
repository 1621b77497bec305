package dev.tokenmeter.query.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A budget's standing at an instant: the spend of its current period so far, its share of the limit,
 * the linear projection and the thresholds crossed. Pure: the usage figures come in from outside.
 *
 * @param spent in the limit's unit: {@code spentUsd} or {@code spentTokens}
 * @param share spent / limit, 6 decimals; above 1 past the limit
 */
record Evaluation(Budget budget, BudgetPeriod period, Instant at, BigDecimal spentUsd, long spentTokens, long requests,
        BigDecimal spent, BigDecimal share, Projection projection, List<Integer> crossed) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static Evaluation of(Budget budget, BudgetPeriod period, Instant at, BigDecimal spentUsd, long spentTokens, long requests) {
        Limit limit = budget.limit();
        BigDecimal spent = limit.spentOf(spentUsd, spentTokens);
        List<Integer> crossed = new ArrayList<>();
        for (int threshold : budget.thresholds()) {
            // spent / limit >= threshold / 100, compared exactly
            if (spent.multiply(HUNDRED).compareTo(limit.amount().multiply(BigDecimal.valueOf(threshold))) >= 0) {
                crossed.add(threshold);
            }
        }
        int scale = limit.measure() == Limit.Measure.USD ? 6 : 0;
        return new Evaluation(budget, period, at, spentUsd, spentTokens, requests, spent, share(spent, limit.amount()),
                Projection.linear(spent, limit.amount(), period, at, scale), List.copyOf(crossed));
    }

    static BigDecimal share(BigDecimal amount, BigDecimal limit) {
        return amount.divide(limit, 6, RoundingMode.HALF_EVEN);
    }

    boolean limitReached() {
        return spent.compareTo(budget.limit().amount()) >= 0;
    }

    /**
     * The alerts this standing calls for: every threshold crossed, ascending; then the forecast, when
     * the budget wants it, the limit is not reached yet, the projection crosses it within the period,
     * and at least {@code forecastAfterPercent} of the period has passed.
     */
    List<AlertKey> alertsDue(int forecastAfterPercent) {
        List<AlertKey> due = new ArrayList<>();
        crossed.forEach(threshold -> due.add(AlertKey.threshold(threshold)));
        if (forecastDue(forecastAfterPercent)) {
            due.add(AlertKey.forecast());
        }
        return due;
    }

    boolean forecastDue(int forecastAfterPercent) {
        return budget.forecast() && !limitReached() && projection.crossingAt() != null
                && projection.elapsedShare() * 100 >= forecastAfterPercent;
    }
}
