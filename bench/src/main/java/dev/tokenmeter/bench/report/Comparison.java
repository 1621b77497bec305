package dev.tokenmeter.bench.report;

/**
 * A measurement beside its baseline, both measured in the same run on the same data.
 *
 * @param label         what was measured, e.g. "summary 90d p95"
 * @param value         Tokenmeter's figure
 * @param baselineLabel what the baseline is, e.g. "raw GROUP BY"
 * @param baselineValue the baseline's figure, in the same unit
 * @param lowerIsBetter true for latencies, false for throughputs
 */
public record Comparison(String label, String unit, double value, String baselineLabel, double baselineValue,
        boolean lowerIsBetter) {

    /** How many times better than the baseline Tokenmeter is (below 1: worse). */
    public double advantage() {
        return lowerIsBetter ? baselineValue / value : value / baselineValue;
    }
}
