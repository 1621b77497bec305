package dev.tokenmeter.bench.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Order statistics of a sample of timings.
 *
 * @param n    sample size
 * @param p50  median
 * @param p95  95th percentile
 * @param p99  99th percentile (with fewer than 100 samples, close to the maximum)
 */
public record Stats(int n, double min, double p50, double p95, double p99, double max, double mean) {

    /** Summarises a non-empty sample. */
    public static Stats of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(sorted.length, sorted[0], percentile(sorted, 0.50), percentile(sorted, 0.95),
                percentile(sorted, 0.99), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElseThrow());
    }

    /**
     * The q-quantile of sorted values, interpolating linearly between the two nearest ranks
     * (Hyndman and Fan's type 7, the default of R, NumPy and spreadsheets).
     */
    public static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("q must lie in [0, 1]: " + q);
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
