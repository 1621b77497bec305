package dev.tokenmeter.query.usage;

import dev.tokenmeter.latency.LatencyHistogram;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Additive usage figures of one group of rows, plus the merged latency histogram from which
 * averages and percentiles are derived.
 */
public record Totals(long requests, long successes, long errors, long timeouts,
        long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens,
        BigDecimal costUsd, long unpricedRequests, long latencyCount, long latencySumMs,
        Map<Integer, Long> latencyHistogram, @Nullable Instant lastSeen) {

    static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, Map.of(), null);

    /** Input plus output tokens (cached, cache-write and reasoning tokens are already inside them). */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Share of requests that did not succeed (errors and timeouts); 0 without requests. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) (errors + timeouts) / requests;
    }

    @Nullable
    Double avgLatencyMs() {
        return latencyCount == 0 ? null : (double) latencySumMs / latencyCount;
    }

    public @Nullable Double latencyPercentile(double q) {
        Double value = LatencyHistogram.quantile(latencyHistogram, q);
        return value == null ? null : Math.round(value * 10) / 10.0;
    }

    /** The same figures with another latency histogram. */
    Totals withHistogram(Map<Integer, Long> histogram) {
        return new Totals(requests, successes, errors, timeouts, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens,
                reasoningTokens, costUsd, unpricedRequests, latencyCount, latencySumMs, histogram, lastSeen);
    }

    /** Every figure with the opposite sign, for rollup rows taken away; no last-seen time. */
    Totals negated() {
        Map<Integer, Long> histogram = new java.util.HashMap<>();
        latencyHistogram.forEach((k, v) -> histogram.put(k, -v));
        return new Totals(-requests, -successes, -errors, -timeouts, -inputTokens, -cachedInputTokens, -cacheWriteTokens,
                -outputTokens, -reasoningTokens, costUsd.negate(), -unpricedRequests, -latencyCount, -latencySumMs, histogram, null);
    }

    /**
     * These figures less {@code part}'s (a part of the same rows, e.g. the shown keys of a breakdown), histogram
     * included: the rest's, with {@code lastSeen} as its last-seen time (which no subtraction gives).
     */
    Totals less(Totals part, @Nullable Instant lastSeen) {
        Totals rest = plus(part.negated());
        return new Totals(rest.requests, rest.successes, rest.errors, rest.timeouts, rest.inputTokens, rest.cachedInputTokens,
                rest.cacheWriteTokens, rest.outputTokens, rest.reasoningTokens, rest.costUsd, rest.unpricedRequests, rest.latencyCount,
                rest.latencySumMs, rest.latencyHistogram, lastSeen);
    }

    static Totals sum(Stream<Totals> totals) {
        return totals.reduce(ZERO, Totals::plus);
    }

    Totals plus(Totals o) {
        var histogram = new java.util.HashMap<>(latencyHistogram);
        o.latencyHistogram.forEach((k, v) -> histogram.merge(k, v, Long::sum));
        histogram.values().removeIf(n -> n == 0);
        Instant seen = lastSeen == null ? o.lastSeen : o.lastSeen == null || lastSeen.isAfter(o.lastSeen) ? lastSeen : o.lastSeen;
        return new Totals(requests + o.requests, successes + o.successes, errors + o.errors, timeouts + o.timeouts,
                inputTokens + o.inputTokens, cachedInputTokens + o.cachedInputTokens, cacheWriteTokens + o.cacheWriteTokens,
                outputTokens + o.outputTokens, reasoningTokens + o.reasoningTokens, costUsd.add(o.costUsd),
                unpricedRequests + o.unpricedRequests, latencyCount + o.latencyCount, latencySumMs + o.latencySumMs,
                histogram, seen);
    }
}
