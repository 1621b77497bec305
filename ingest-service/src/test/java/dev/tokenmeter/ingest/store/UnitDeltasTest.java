package dev.tokenmeter.ingest.store;

import static dev.tokenmeter.ingest.store.ColumnRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class UnitDeltasTest {

    private static PricedEvent event(String id, String time, @Nullable String model, Map<String, Long> units,
            Map<String, BigDecimal> unitCosts) {
        return event(id, time, model, null, units, unitCosts);
    }

    private static PricedEvent event(String id, String time, @Nullable String model, @Nullable String user, Map<String, Long> units,
            Map<String, BigDecimal> unitCosts) {
        UsageEvent e = new UsageEvent(id, "t1", Instant.parse(time), "openai", model, "chat", null, "key-1", user, Status.SUCCESS, null,
                null, new Usage(0, 0, 0, 0, 0), null, Map.of(), ServiceTier.BATCH, units);
        return PricedEvent.of(e, new Cost(unitCosts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), Cost.Source.CATALOG,
                "x", unitCosts));
    }

    @Test
    void quantitiesPastTheRangeOfALongAreSummedExactly() {
        RollupRows<?> deltas = UnitDeltas.of(List.of(
                event("a", "2026-03-01T12:01:00Z", "m", Map.of("webSearches", Long.MAX_VALUE), Map.of()),
                event("b", "2026-03-01T12:02:00Z", "m", Map.of("webSearches", Long.MAX_VALUE - 7), Map.of())));

        List<List<Object>> full = rows(deltas.fullColumns());
        assertThat(full).hasSize(3);
        String sum = "18446744073709551607";
        assertThat(full).allSatisfy(row -> assertThat(row.subList(11, 14)).containsExactly(sum, "0", sum));
    }

    @Test
    void eachUnitCountsAtEveryLevelInEveryDimensionWithItsCostOrAsUnpriced() {
        RollupRows<?> deltas = UnitDeltas.of(List.of(
                event("a", "2026-03-01T12:01:00Z", null, Map.of("images", 2L, "webSearches", 3L),
                        Map.of("webSearches", new BigDecimal("0.03"))),
                event("b", "2026-03-01T12:20:00Z", null, Map.of("webSearches", 1L), Map.of("webSearches", new BigDecimal("0.01"))),
                event("c", "2026-03-01T12:30:00Z", "m", Map.of(), Map.of())));

        // full rows: (quarter 12:00: images, webSearches) + (quarter 12:15: webSearches), then per hour and day one per unit
        List<List<Object>> full = rows(deltas.fullColumns());
        assertThat(full).hasSize(3 + 2 + 2);
        assertThat(full).filteredOn(row -> row.get(0).equals(2) && row.get(10).equals("webSearches"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.subList(1, 11)).containsExactly("t1", "2026-03-01T00:00:00Z", "openai", "", "chat", "", "key-1",
                            "success", "batch", "webSearches");
                    assertThat(row.subList(11, 14)).containsExactly("4", "0.04", "0");
                });
        assertThat(full).filteredOn(row -> row.get(0).equals(0) && row.get(10).equals("images"))
                .singleElement()
                .satisfies(row -> assertThat(row.subList(11, 14)).containsExactly("2", "0", "2"));

        // one-dimension rows: 7 dimensions ('' and six) × the full rows' keys, and the daily rows by user ('' here) per unit
        List<List<Object>> dims = rows(deltas.dimColumns());
        assertThat(dims).hasSize(7 * (3 + 2 + 2) + 2);
        assertThat(dims).filteredOn(row -> row.get(0).equals(1) && row.get(2).equals("service_tier") && row.get(6).equals("webSearches"))
                .singleElement()
                .satisfies(row -> assertThat(row.subList(3, 10)).containsExactly("2026-03-01T12:00:00Z", "batch", "success", "webSearches",
                        "4", "0.04", "0"));
    }

    @Test
    void eachUnitCountsInTheDailyRowOfItsUserAndUnitOnlyAtTheDailyLevel() {
        RollupRows<?> deltas = UnitDeltas.of(List.of(
                event("a", "2026-03-01T12:01:00Z", "m", "alice", Map.of("images", 2L, "webSearches", 3L),
                        Map.of("webSearches", new BigDecimal("0.03"))),
                event("b", "2026-03-01T23:59:00Z", "m", "alice", Map.of("webSearches", 1L), Map.of("webSearches", new BigDecimal("0.01"))),
                event("c", "2026-03-02T00:00:00Z", "m", "alice", Map.of("webSearches", 5L), Map.of()),
                event("d", "2026-03-01T13:00:00Z", "m", null, Map.of("images", 4L), Map.of())));

        List<List<Object>> users = rows(deltas.dimColumns()).stream().filter(row -> row.get(2).equals("user")).toList();
        // (level, tenant, dim, bucket, value, status, unit, quantity, cost, unpriced)
        assertThat(users).containsExactlyInAnyOrder(
                List.of(2, "t1", "user", "2026-03-01T00:00:00Z", "alice", "success", "images", "2", "0", "2"),
                List.of(2, "t1", "user", "2026-03-01T00:00:00Z", "alice", "success", "webSearches", "4", "0.04", "0"),
                List.of(2, "t1", "user", "2026-03-02T00:00:00Z", "alice", "success", "webSearches", "5", "0", "5"),
                List.of(2, "t1", "user", "2026-03-01T00:00:00Z", "", "success", "images", "4", "0", "4"));
    }

    @Test
    void aBatchWithoutUnitsAddsNothing() {
        assertThat(UnitDeltas.of(List.of(event("c", "2026-03-01T12:30:00Z", "m", Map.of(), Map.of()))).isEmpty()).isTrue();
    }
}
