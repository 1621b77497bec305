package dev.tokenmeter.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Locale;

/**
 * A target of the issue and how this run did against it: the goal, not a test assertion.
 *
 * @param target    the goal as the issue states it, e.g. "ingest ≥ 50 000 events/s"
 * @param actual    what this run measured
 * @param threshold the goal's number
 * @param atMost    true when the actual must not exceed the threshold (latencies, memory)
 * @param unit      unit of both numbers, e.g. "events/s", "ms", "×"
 */
@JsonPropertyOrder({"target", "actual", "threshold", "atMost", "unit", "met", "verdict"})
public record TargetCheck(String target, double actual, double threshold, boolean atMost, String unit) {

    @JsonProperty
    public boolean met() {
        return atMost ? actual <= threshold : actual >= threshold;
    }

    /** "met", or by how much it was missed, e.g. "missed: 3.2× too slow" / "missed: reached 31% of the goal". */
    @JsonProperty
    public String verdict() {
        if (met()) {
            return "met";
        }
        if (atMost) {
            return String.format(Locale.ROOT, "missed: %s× the limit (%s %s over)", Format.ratio(actual / threshold),
                    Format.number(actual - threshold), unit);
        }
        return String.format(Locale.ROOT, "missed: reached %s of the goal (%s× short)",
                Format.percent(actual / threshold), Format.ratio(threshold / actual));
    }
}
