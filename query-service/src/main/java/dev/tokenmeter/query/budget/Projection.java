package dev.tokenmeter.query.budget;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a period ends at the pace so far, linear over the elapsed time of the period: the spend so
 * far times the period's length divided by the time elapsed. No seasonality, no weekday effects:
 * simple to check by hand, and early in a period it swings, which is why forecast alerts wait (see
 * {@link BudgetSettings#forecastAfterPercent()}).
 *
 * @param endOfPeriod  projected spend at the end of the period, in the limit's unit; the spend itself
 *                     when nothing has elapsed yet or the period is over
 * @param crossingAt   when the limit will be crossed at that pace; null when it will not be within the
 *                     period, or has been already
 * @param elapsedShare share of the period elapsed, 0 to 1
 */
record Projection(BigDecimal endOfPeriod, @Nullable Instant crossingAt, double elapsedShare) {

    static final String METHOD = "linear: spend so far × period length ÷ time elapsed in the period";

    /**
     * @param scale decimals of the projected amount: 6 for USD, 0 for tokens
     */
    static Projection linear(BigDecimal spent, BigDecimal limit, BudgetPeriod period, Instant at, int scale) {
        long length = period.length().toMillis();
        long elapsed = Math.max(0, Math.min(length, Duration.between(period.start(), at).toMillis()));
        double elapsedShare = (double) elapsed / length;
        if (elapsed == 0 || elapsed == length || spent.signum() == 0) {
            return new Projection(spent.setScale(scale, RoundingMode.HALF_EVEN), null, elapsedShare);
        }
        BigDecimal endOfPeriod = spent.multiply(BigDecimal.valueOf(length))
                .divide(BigDecimal.valueOf(elapsed), scale, RoundingMode.HALF_EVEN);
        Instant crossingAt = null;
        if (spent.compareTo(limit) < 0) {
            // At a constant pace the limit is reached after elapsed × limit / spent; to the next whole second.
            long reachedAfter = BigDecimal.valueOf(elapsed).multiply(limit)
                    .divide(spent.multiply(BigDecimal.valueOf(1000)), MathContext.DECIMAL64)
                    .setScale(0, RoundingMode.CEILING)
                    .longValueExact();
            if (reachedAfter * 1000 < length) {
                crossingAt = period.start().plusSeconds(reachedAfter);
            }
        }
        return new Projection(endOfPeriod, crossingAt, elapsedShare);
    }
}
