package dev.tokenmeter.ingest.store;

import static dev.tokenmeter.ingest.store.ColumnRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.latency.LatencyHistogram;
import dev.tokenmeter.pricing.Cost;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RollupDeltasTest {

    private static PricedEvent event(String id, String time, @Nullable String project, @Nullable Integer latencyMs, Cost cost) {
        return event(id, time, project, null, latencyMs, cost);
    }

    private static PricedEvent event(String id, String time, @Nullable String project, @Nullable String user, @Nullable Integer latencyMs,
            Cost cost) {
        UsageEvent e = new UsageEvent(id, "t1", Instant.parse(time), "openai", "gpt-4o", "chat", project, "key-1", user,
                Status.SUCCESS, null, latencyMs, new Usage(100, 20, 0, 50, 5), null, Map.of());
        return PricedEvent.of(e, cost);
    }

    private static final Cost PRICED = new Cost(new BigDecimal("0.000123456789"), Cost.Source.CATALOG, "gpt-4o");

    @Test
    void bucketsByUtcQuarterHourDayAndSumsExactly() {
        RollupRows<?> deltas = RollupDeltas.of(List.of(
                event("a", "2026-03-01T12:14:59.999Z", "p", 120, PRICED),
                event("b", "2026-03-01T12:15:00Z", "p", 120, PRICED),
                event("c", "2026-03-01T12:40:00Z", null, null, Cost.unpriced())));

        List<List<Object>> full = rows(deltas.fullColumns());
        // 15 minutes: 12:00 (a), 12:15 (b), 12:30 (c, project ''); hour: one row per project; day: the same.
        assertThat(full).hasSize(3 + 2 + 2);
        List<Object> hourOfP = full.stream()
                .filter(r -> r.get(0).equals(1) && r.get(6).equals("p"))
                .findFirst().orElseThrow();
        assertThat(hourOfP.get(2)).isEqualTo("2026-03-01T12:00:00Z");
        // service tier; then requests, input, cached, cache write, output, reasoning, cost, unpriced, latency count, latency sum, hist, last seen
        assertThat(hourOfP.get(9)).isEqualTo("standard");
        assertThat(hourOfP.subList(10, 22)).containsExactly(2L, 200L, 40L, 0L, 100L, 10L, "0.000246913578", 0L, 2L, 240L,
                "{\"" + LatencyHistogram.bucket(120) + "\":2}", "2026-03-01T12:15:00Z");
        List<Object> quarterOfC = full.stream()
                .filter(r -> r.get(0).equals(0) && r.get(2).equals("2026-03-01T12:30:00Z"))
                .findFirst().orElseThrow();
        assertThat(quarterOfC.get(6)).isEqualTo("");
        assertThat(quarterOfC.subList(16, 22)).containsExactly("0", 1L, 0L, 0L, "{}", "2026-03-01T12:40:00Z");
    }

    @Test
    void countsEveryEventOncePerDimensionAndOnceInTheTotals() {
        RollupRows<?> deltas = RollupDeltas.of(List.of(
                event("a", "2026-03-01T00:00:00Z", "p", 10, PRICED),
                event("b", "2026-03-01T23:59:59Z", "q", 10000, PRICED)));

        List<List<Object>> dayRows = rows(deltas.dimColumns()).stream().filter(r -> r.get(0).equals(2)).toList();
        // dims '', provider, model, endpoint, api_key, service_tier: one row each (both events share them); project: p and q;
        // user (daily only): '' for both, as neither has a user.
        assertThat(dayRows).hasSize(9);
        assertThat(dayRows).allSatisfy(r -> assertThat(r.get(3)).isEqualTo("2026-03-01T00:00:00Z"));
        long requestsOverAllDims = dayRows.stream().mapToLong(r -> (Long) r.get(6)).sum();
        assertThat(requestsOverAllDims).isEqualTo(2L * 8);
        List<Object> totals = dayRows.stream().filter(r -> r.get(2).equals("")).findFirst().orElseThrow();
        assertThat(totals.get(16)).isEqualTo("{\"" + LatencyHistogram.bucket(10) + "\":1,\"" + LatencyHistogram.bucket(10000) + "\":1}");
        assertThat(deltas.fullRows()).isEqualTo(2 * 3); // a and b differ in project, so no level merges them
    }

    @Test
    void usersHaveDailyRowsOnlyEachSummingItsEventsAndEventsWithoutAUserSumInTheEmptyValue() {
        RollupRows<?> deltas = RollupDeltas.of(List.of(
                event("a", "2026-03-01T00:00:00Z", "p", "u1", 10, PRICED),
                event("b", "2026-03-01T23:59:59Z", "p", "u1", null, Cost.unpriced()),
                event("c", "2026-03-02T00:00:00Z", "p", "u1", 30, PRICED),
                event("d", "2026-03-01T12:00:00Z", "p", null, 20, PRICED)));

        List<List<Object>> users = rows(deltas.dimColumns()).stream().filter(r -> r.get(2).equals("user")).toList();
        assertThat(users).allSatisfy(r -> assertThat(r.get(0)).as("level").isEqualTo(2));
        assertThat(users.stream().map(r -> r.get(3) + " " + r.get(4) + " " + r.get(6)).toList()).containsExactly(
                "2026-03-01T00:00:00Z  1", "2026-03-01T00:00:00Z u1 2", "2026-03-02T00:00:00Z u1 1");
        List<Object> u1OnTheFirst = users.get(1);
        // status; requests, input, cached, cache write, output, reasoning, cost, unpriced, latency count, latency sum, hist, last seen
        assertThat(u1OnTheFirst.get(5)).isEqualTo("success");
        assertThat(u1OnTheFirst.subList(6, 18)).containsExactly(2L, 200L, 40L, 0L, 100L, 10L, "0.000123456789", 1L, 1L, 10L,
                "{\"" + LatencyHistogram.bucket(10) + "\":1}", "2026-03-01T23:59:59Z");
    }

    @Test
    void rowsAreBoundInLevelThenTableKeyOrderSoThatTheDatabaseFindsThemSorted() {
        RollupRows<?> deltas = RollupDeltas.of(List.of(
                event("a", "2026-03-01T12:40:00Z", "q", 10, PRICED),
                event("b", "2026-03-01T12:01:00Z", "p", 10, PRICED),
                event("c", "2026-03-01T12:02:00Z", null, 10, PRICED)));

        List<String> full = rows(deltas.fullColumns()).stream()
                .map(r -> r.get(0) + " " + r.get(2) + " " + r.get(6))
                .toList();
        assertThat(full).containsExactly(
                "0 2026-03-01T12:00:00Z ", "0 2026-03-01T12:00:00Z p", "0 2026-03-01T12:30:00Z q",
                "1 2026-03-01T12:00:00Z ", "1 2026-03-01T12:00:00Z p", "1 2026-03-01T12:00:00Z q",
                "2 2026-03-01T00:00:00Z ", "2 2026-03-01T00:00:00Z p", "2 2026-03-01T00:00:00Z q");
        List<List<Object>> dims = rows(deltas.dimColumns());
        assertThat(dims).isSortedAccordingTo((x, y) -> {
            for (int c = 0; c <= 5; c++) {
                int compared = c == 0
                        ? Integer.compare((Integer) x.get(0), (Integer) y.get(0))
                        : ((String) x.get(c)).compareTo((String) y.get(c));
                if (compared != 0) {
                    return compared;
                }
            }
            return 0;
        });
    }
}
