package dev.tokenmeter.query.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Totals of {@code usage.units} (API.md §4): per unit, the quantity sent, what the unit prices gave
 * and the quantity no price covered. An unfiltered range reads the narrow units rollup
 * ({@code usage_unit_rollup_15m}, migration V15) for its whole quarter hours and the raw events for
 * its edges; a filtered one, or a breakdown, reads the raw events that carry units ({@code units}
 * jsonb) — only events with units are ever read.
 */
@Component
class UnitTotals {

    /** One unit's totals. {@code unpricedQuantity} is the part of {@code quantity} no price covered. */
    record Unit(long quantity, BigDecimal costUsd, long unpricedQuantity) {

        static final Unit ZERO = new Unit(0, BigDecimal.ZERO, 0);

        Unit plus(Unit other) {
            return new Unit(quantity + other.quantity, costUsd.add(other.costUsd), unpricedQuantity + other.unpricedQuantity);
        }

        Unit minus(Unit other) {
            return new Unit(quantity - other.quantity, costUsd.subtract(other.costUsd), unpricedQuantity - other.unpricedQuantity);
        }

        Unit shown() {
            return new Unit(quantity, Views.money(costUsd), unpricedQuantity);
        }
    }

    private static final long QUARTER = RollupCover.QUARTER;
    private static final String RAW_UNITS = """
            SELECT %s AS k, u.key AS unit, u.value::numeric AS quantity,
                   coalesce((e.unit_costs ->> u.key)::numeric, 0) AS cost_usd,
                   CASE WHEN coalesce(e.unit_costs ? u.key, false) THEN 0 ELSE u.value::numeric END AS unpriced_quantity
            FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)
            WHERE e.units IS NOT NULL AND e.tenant = %s AND e.event_time >= %s::timestamptz AND e.event_time < %s::timestamptz""";

    private final DatabaseClient db;

    UnitTotals(DatabaseClient db) {
        this.db = db;
    }

    /** The units totals of the range under the filters, by unit name. */
    Mono<Map<String, Unit>> total(String tenant, Instant from, Instant to, Filters filters) {
        Sql sql = new Sql();
        sql.append("SELECT NULL::text AS k, unit, sum(quantity) AS quantity, sum(cost_usd) AS cost_usd,"
                + " sum(unpriced_quantity) AS unpriced_quantity FROM (");
        Instant alignedFrom = ceil(from);
        Instant alignedTo = RollupCover.floor(to, QUARTER);
        if (filters.dimensions().isEmpty() && filters.tags().isEmpty() && alignedFrom.isBefore(alignedTo)) {
            sql.append("SELECT NULL::text AS k, unit, quantity, cost_usd, unpriced_quantity FROM usage_unit_rollup_15m"
                    + " WHERE tenant = " + sql.bind(tenant) + " AND bucket_start >= " + sql.bind(alignedFrom.toString())
                    + "::timestamptz AND bucket_start < " + sql.bind(alignedTo.toString()) + "::timestamptz");
            // The raw events only for the partial quarters at either end: a range of whole quarters (every
            // preset range) reads no raw event, so it answers while the raw table is locked or busy.
            if (from.isBefore(alignedFrom)) {
                sql.append(" UNION ALL ");
                raw(sql, "NULL::text", tenant, from, alignedFrom, filters);
            }
            if (alignedTo.isBefore(to)) {
                sql.append(" UNION ALL ");
                raw(sql, "NULL::text", tenant, alignedTo, to, filters);
            }
        } else {
            raw(sql, "NULL::text", tenant, from, to, filters);
        }
        sql.append(") AS units GROUP BY unit");
        return byKey(sql).map(byKey -> byKey.getOrDefault("", Map.of()));
    }

    /** The units totals per key of a breakdown (null keys under ""), from the raw events with units. */
    Mono<Map<String, Map<String, Unit>>> perKey(String tenant, Instant from, Instant to, Filters filters, Grouping by) {
        Sql sql = new Sql();
        sql.append(
                "SELECT k, unit, sum(quantity) AS quantity, sum(cost_usd) AS cost_usd, sum(unpriced_quantity) AS unpriced_quantity FROM (");
        raw(sql, by.expression(sql), tenant, from, to, filters);
        sql.append(") AS units GROUP BY k, unit");
        return byKey(sql);
    }

    private static void raw(Sql sql, String key, String tenant, Instant from, Instant to, Filters filters) {
        sql.append(RAW_UNITS.formatted(key, sql.bind(tenant), sql.bind(from.toString()), sql.bind(to.toString())));
        filters.appendTo(sql);
    }

    private Mono<Map<String, Map<String, Unit>>> byKey(Sql sql) {
        return sql.on(db)
                .map(row -> new Object[] {row.get("k", String.class), row.get("unit", String.class),
                        new Unit(row.get("quantity", BigDecimal.class).longValueExact(), row.get("cost_usd", BigDecimal.class),
                                row.get("unpriced_quantity", BigDecimal.class).longValueExact())})
                .all()
                .collect(HashMap::new, (Map<String, Map<String, Unit>> map, Object[] row) -> {
                    String k = row[0] == null ? "" : (String) row[0];
                    map.computeIfAbsent(k, x -> new TreeMap<>()).merge((String) row[1], (Unit) row[2], Unit::plus);
                });
    }

    static Map<String, Unit> shown(@Nullable Map<String, Unit> units) {
        Map<String, Unit> result = new TreeMap<>();
        if (units != null) {
            units.forEach((unit, totals) -> {
                if (totals.quantity() != 0 || totals.unpricedQuantity() != 0 || totals.costUsd().signum() != 0) {
                    result.put(unit, totals.shown());
                }
            });
        }
        return result;
    }

    private static Instant ceil(Instant time) {
        Instant floor = RollupCover.floor(time, QUARTER);
        return floor.equals(time) ? floor : floor.plusSeconds(QUARTER);
    }
}
