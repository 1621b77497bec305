package dev.tokenmeter.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentilesInterpolateBetweenTheNearestRanks() {
        double[] sorted = {10, 20, 30, 40};

        assertThat(Stats.percentile(sorted, 0.0)).isEqualTo(10);
        assertThat(Stats.percentile(sorted, 0.5)).isEqualTo(25);
        assertThat(Stats.percentile(sorted, 1.0)).isEqualTo(40);
        assertThat(Stats.percentile(sorted, 0.95)).isCloseTo(38.5, within(1e-9));
    }

    @Test
    void thirtyRunsHaveTheirP95BetweenTheTwoSlowest() {
        List<Double> runs = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            runs.add((double) i);
        }
        java.util.Collections.shuffle(runs, new java.util.Random(1));

        Stats stats = Stats.of(runs);

        assertThat(stats.n()).isEqualTo(30);
        assertThat(stats.p50()).isEqualTo(15.5);
        assertThat(stats.p95()).isCloseTo(28.55, within(1e-9));
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(30);
        assertThat(stats.mean()).isEqualTo(15.5);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Stats stats = Stats.of(List.of(7.0));

        assertThat(stats.p50()).isEqualTo(7);
        assertThat(stats.p99()).isEqualTo(7);
    }

    @Test
    void anEmptySampleHasNoPercentile() {
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
