package dev.tokenmeter.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void theBandIsTheMeanPlusOrMinusKSampleStandardDeviations() {
        // mean 10, sample sd = sqrt(((-2)^2 + 0 + 2^2 + 0) / 3) = sqrt(8/3) = 1.632993
        Baseline.Band band = Baseline.of(decimals("8", "10", "12", "10"), new BigDecimal("3")).orElseThrow();
        assertThat(band.mean()).isEqualByComparingTo("10");
        assertThat(band.spread()).isEqualByComparingTo("1.632993");
        assertThat(band.high()).isEqualByComparingTo("14.898979");
        assertThat(band.low()).isEqualByComparingTo("5.101021");
    }

    @Test
    void aFlatHistoryStillHasASpreadOfATenthOfItsMean() {
        Baseline.Band band = Baseline.of(decimals("20", "20", "20", "20"), new BigDecimal("3")).orElseThrow();
        assertThat(band.spread()).isEqualByComparingTo("2");
        assertThat(band.high()).isEqualByComparingTo("26");
        assertThat(band.anomalous(new BigDecimal("25.99"), BigDecimal.ONE)).isFalse();
        assertThat(band.anomalous(new BigDecimal("26.01"), BigDecimal.ONE)).isTrue();
    }

    @Test
    void spendBelowTheMinimumNeverAlertsHoweverUnusual() {
        Baseline.Band band = Baseline.of(decimals("0.01", "0.02", "0.01", "0.02"), new BigDecimal("3")).orElseThrow();
        assertThat(band.anomalous(new BigDecimal("5"), BigDecimal.TEN)).isFalse();
        assertThat(band.anomalous(new BigDecimal("10"), BigDecimal.TEN)).isTrue();
    }

    @Test
    void fewerThanTwoWeeksWithSpendGiveNoBaseline() {
        assertThat(Baseline.of(decimals("0", "0", "0", "50"), new BigDecimal("3"))).isEmpty();
        assertThat(Baseline.of(decimals("0", "0", "40", "50"), new BigDecimal("3"))).isPresent();
    }

    @Test
    void theLowEndOfTheBandIsNeverNegative() {
        Baseline.Band band = Baseline.of(decimals("1", "30", "1", "30"), new BigDecimal("3")).orElseThrow();
        assertThat(band.low()).isEqualByComparingTo("0");
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
