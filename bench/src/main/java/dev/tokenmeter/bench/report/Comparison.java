package dev.tokenmeter.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A measurement beside its baseline, both measured in the same run on the same data.
 *
 * @param label         what was measured, e.g. "summary 90d p95"
 * @param value         Tokenmeter's figure
 * @param baselineLabel what the baseline is, e.g. "raw GROUP BY"
 * @param baselineValue the baseline's figure, in the same unit
 * @param lowerIsBetter true for latencies, false for throughputs
 */
@JsonPropertyOrder({"label", "unit", "value", "baseline", "baselineValue", "lowerIsBetter", "advantage"})
public record Comparison(String label, String unit, double value, @JsonProperty("baseline") String baselineLabel,
        double baselineValue, boolean lowerIsBetter) {

    /** How many times better than the baseline Tokenmeter is (below 1: worse). */
    @JsonProperty
    public double advantage() {
        return lowerIsBetter ? baselineValue / value : value / baselineValue;
    }
}
