package dev.tokenmeter.query.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The expected spend of a period so far, from the same period (same weekday, same local time, same
 * elapsed part) of each of the last four weeks: mean ± k × spread, where spread is the sample standard
 * deviation of those weeks, at least {@value #MIN_SPREAD_PERCENT}% of the mean (a perfectly flat
 * history would otherwise make any cent above it an anomaly). It needs at least
 * {@value #MIN_WEEKS_WITH_SPEND} weeks with spend, so a new tenant is not judged against nothing.
 */
final class Baseline {

    static final int MIN_WEEKS_WITH_SPEND = 2;
    static final int MIN_SPREAD_PERCENT = 10;
    private static final MathContext MC = MathContext.DECIMAL64;

    private Baseline() {
    }

    /** The band: {@code low} is never below 0. */
    record Band(BigDecimal mean, BigDecimal spread, BigDecimal low, BigDecimal high) {

        /** Above the band and at least the minimum: worth an alert. */
        boolean anomalous(BigDecimal spend, BigDecimal minSpend) {
            return spend.compareTo(high) > 0 && spend.compareTo(minSpend) >= 0;
        }
    }

    /** The band of the weeks' spends, or empty when too few weeks had any spend. */
    static Optional<Band> of(List<BigDecimal> weeks, BigDecimal k) {
        if (weeks.stream().filter(w -> w.signum() > 0).count() < MIN_WEEKS_WITH_SPEND) {
            return Optional.empty();
        }
        BigDecimal n = BigDecimal.valueOf(weeks.size());
        BigDecimal mean = weeks.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, MC);
        BigDecimal squares = weeks.stream().map(w -> w.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sd = squares.divide(n.subtract(BigDecimal.ONE), MC).sqrt(MC);
        BigDecimal floor = mean.multiply(BigDecimal.valueOf(MIN_SPREAD_PERCENT)).divide(BigDecimal.valueOf(100), MC);
        BigDecimal spread = sd.max(floor);
        BigDecimal width = k.multiply(spread, MC);
        return Optional.of(new Band(round(mean), round(spread), round(mean.subtract(width).max(BigDecimal.ZERO)),
                round(mean.add(width))));
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
