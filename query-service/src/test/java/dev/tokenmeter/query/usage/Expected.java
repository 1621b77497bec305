package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokenmeter.query.usage.RawEvents.Event;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The answer recomputed directly from raw events, and the comparison with an endpoint's JSON. */
record Expected(long requests, long successes, long errors, long timeouts, long input, long cached, long cacheWrite,
        long output, long reasoning, BigDecimal cost, long unpriced, List<Integer> latencies) {

    static Expected of(Collection<Event> events) {
        long s = 0, e = 0, t = 0, in = 0, ca = 0, cw = 0, out = 0, re = 0, un = 0;
        BigDecimal cost = BigDecimal.ZERO;
        List<Integer> latencies = new ArrayList<>();
        for (Event event : events) {
            switch (event.status()) {
                case "success" -> s++;
                case "error" -> e++;
                default -> t++;
            }
            in += event.input();
            ca += event.cached();
            cw += event.cacheWrite();
            out += event.output();
            re += event.reasoning();
            un += event.priced() ? 0 : 1;
            cost = cost.add(event.cost());
            if (event.latencyMs() != null) {
                latencies.add(event.latencyMs());
            }
        }
        latencies.sort(null);
        return new Expected(events.size(), s, e, t, in, ca, cw, out, re, cost, un, latencies);
    }

    /** Asserts the additive fields (those present in the JSON) and the latency figures. */
    void assertMatches(JsonNode actual, String context) {
        assertMatches(actual, context, true);
    }

    /** {@link #assertMatches(JsonNode, String)}; without {@code percentiles}, p95 must be null (not read). */
    void assertMatches(JsonNode actual, String context, boolean percentiles) {
        assertThat(actual.get("requests").longValue()).as(context + " requests").isEqualTo(requests);
        assertThat(actual.get("successes").longValue()).as(context + " successes").isEqualTo(successes);
        assertThat(actual.get("errors").longValue()).as(context + " errors").isEqualTo(errors);
        assertThat(actual.get("inputTokens").longValue()).as(context + " inputTokens").isEqualTo(input);
        assertThat(actual.get("outputTokens").longValue()).as(context + " outputTokens").isEqualTo(output);
        assertThat(actual.get("totalTokens").longValue()).as(context + " totalTokens").isEqualTo(input + output);
        assertThat(actual.get("costUsd").decimalValue()).as(context + " costUsd").isEqualByComparingTo(cost);
        if (actual.has("timeouts")) {
            assertThat(actual.get("timeouts").longValue()).as(context + " timeouts").isEqualTo(timeouts);
            assertThat(actual.get("cachedInputTokens").longValue()).as(context + " cachedInputTokens").isEqualTo(cached);
            assertThat(actual.get("cacheWriteTokens").longValue()).as(context + " cacheWriteTokens").isEqualTo(cacheWrite);
            assertThat(actual.get("reasoningTokens").longValue()).as(context + " reasoningTokens").isEqualTo(reasoning);
            assertThat(actual.get("unpricedRequests").longValue()).as(context + " unpricedRequests").isEqualTo(unpriced);
        }
        if (actual.has("errorRate")) {
            double rate = requests == 0 ? 0 : (double) (errors + timeouts) / requests;
            assertThat(actual.get("errorRate").doubleValue()).as(context + " errorRate").isCloseTo(rate, within(1e-6));
        }
        if (latencies.isEmpty()) {
            assertThat(actual.get("avgLatencyMs").isNull()).as(context + " avgLatencyMs is null").isTrue();
            assertThat(actual.get("p95LatencyMs").isNull()).as(context + " p95LatencyMs is null").isTrue();
            return;
        }
        double mean = latencies.stream().mapToLong(Integer::longValue).sum() / (double) latencies.size();
        assertThat(actual.get("avgLatencyMs").doubleValue()).as(context + " avgLatencyMs").isCloseTo(mean, within(0.051));
        if (!percentiles) {
            assertThat(actual.get("p95LatencyMs").isNull()).as(context + " p95LatencyMs not computed").isTrue();
            return;
        }
        assertPercentile(actual, "p95LatencyMs", 0.95, context);
        if (actual.has("p50LatencyMs")) {
            assertPercentile(actual, "p50LatencyMs", 0.50, context);
            assertPercentile(actual, "p99LatencyMs", 0.99, context);
        }
    }

    private void assertPercentile(JsonNode actual, String field, double q, String context) {
        int exact = latencies.get((int) Math.ceil(q * latencies.size()) - 1);
        assertThat(actual.get(field).doubleValue()).as(context + " " + field + " within 5% of " + exact)
                .isCloseTo(exact, within(exact * 0.05 + 0.051));
    }
}
