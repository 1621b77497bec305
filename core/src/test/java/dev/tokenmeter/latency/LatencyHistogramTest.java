package dev.tokenmeter.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void everyLatencyFallsInsideItsBucket() {
        for (int ms = 0; ms <= 3_600_000; ms += ms < 5000 ? 1 : 997) {
            int bucket = LatencyHistogram.bucket(ms);
            assertThat(ms).isGreaterThanOrEqualTo((int) Math.ceil(LatencyHistogram.lowerBound(bucket)));
            assertThat((double) ms).isLessThan(LatencyHistogram.lowerBound(bucket + 1));
        }
        assertThat(LatencyHistogram.bucket(3_600_000)).isLessThan(178);
    }

    @Test
    void percentilesAreWithinFivePercentOfTheExactValue() {
        Random random = new Random(42);
        int[] latencies = new int[20_000];
        Map<Integer, Long> histogram = new HashMap<>();
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = (int) Math.min(3_600_000, Math.exp(6 + random.nextGaussian()));
            histogram.merge(LatencyHistogram.bucket(latencies[i]), 1L, Long::sum);
        }
        Arrays.sort(latencies);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99}) {
            int exact = latencies[(int) Math.ceil(q * latencies.length) - 1];
            assertThat(LatencyHistogram.quantile(histogram, q)).isCloseTo(exact, within(exact * 0.05));
        }
    }

    @Test
    void emptyHistogramHasNoPercentile() {
        assertThat(LatencyHistogram.quantile(Map.of(), 0.95)).isNull();
    }
}
