package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.QuerySettings;
import dev.tokenmeter.query.range.Bucket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Totals of {@code usage.units} (API.md §4): per unit, the quantity sent, what the unit prices gave
 * and the quantity no price covered — for a range under filters, or per key of a breakdown.
 *
 * <p>Answered as the token figures are ({@link UsageSource}): the whole UTC days, hours and quarter hours
 * of the range from the units rollups (migration V24) — the one-dimension rollup when the question needs
 * at most one of provider, model, endpoint, project, apiKey, serviceTier besides status, the
 * all-dimension one otherwise — and only the range's unaligned edges, or a question about tags or about
 * the user with another dimension, from the raw events that carry units (their partial index, V23). A
 * question about users alone (besides status) reads the whole UTC days of its range from the daily units
 * rows by user (V28) and the rest from raw events. A range of whole quarter hours reads no raw event, so
 * its answer does not wait on the raw table.
 *
 * <p>Quantities are summed exactly, past the range of a long if need be (JSON integers of any size).
 */
@Component
class UnitTotals {

    /** One unit's totals. {@code unpricedQuantity} is the part of {@code quantity} no price covered. */
    record UnitTotal(BigInteger quantity, BigDecimal costUsd, BigInteger unpricedQuantity) {

        UnitTotal plus(UnitTotal other) {
            return new UnitTotal(quantity.add(other.quantity), costUsd.add(other.costUsd), unpricedQuantity.add(other.unpricedQuantity));
        }

        UnitTotal minus(UnitTotal other) {
            return new UnitTotal(quantity.subtract(other.quantity), costUsd.subtract(other.costUsd),
                    unpricedQuantity.subtract(other.unpricedQuantity));
        }

        UnitTotal shown() {
            return new UnitTotal(quantity, Views.money(costUsd), unpricedQuantity);
        }

        boolean isZero() {
            return quantity.signum() == 0 && unpricedQuantity.signum() == 0 && costUsd.signum() == 0;
        }
    }

    private static final long QUARTER = RollupCover.QUARTER;
    private static final long HOUR = RollupCover.HOUR;
    private static final long DAY = RollupCover.DAY;
    /** The rollup dimensions in the column order every branch of the union uses (as {@link UsageSource}'s). */
    private static final List<Dimension> IN_DIMENSION_ROLLUP = List.of(Dimension.PROVIDER, Dimension.MODEL, Dimension.ENDPOINT,
            Dimension.PROJECT, Dimension.API_KEY, Dimension.SERVICE_TIER);
    /** The {@code dim} of the daily units rows by user (migration V28), as the token rollup's (V25). */
    private static final String USER_DIM = "user";
    private static final String MEASURES = "unit, quantity, cost_usd, unpriced_quantity";
    private static final String RAW_UNITS = """
            SELECT e.provider, e.model, e.endpoint, e.project, e.api_key, e.service_tier, e.status, e.user_id, e.tags,
                   u.key AS unit, u.value::numeric AS quantity, coalesce((e.unit_costs ->> u.key)::numeric, 0) AS cost_usd,
                   CASE WHEN coalesce(e.unit_costs ? u.key, false) THEN 0 ELSE u.value::numeric END AS unpriced_quantity
            FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)
            WHERE e.units IS NOT NULL AND e.tenant = %s AND e.event_time >= %s::timestamptz AND e.event_time < %s::timestamptz""";

    private final DatabaseClient db;
    private final QuerySettings settings;

    UnitTotals(DatabaseClient db, QuerySettings settings) {
        this.db = db;
        this.settings = settings;
    }

    /** The units totals of the range under the filters, by unit name. */
    Mono<Map<String, UnitTotal>> total(String tenant, Instant from, Instant to, Filters filters) {
        return query(tenant, from, to, filters, null).map(byKey -> byKey.getOrDefault("", Map.of()));
    }

    /** The units totals per key of a breakdown (null keys under ""). */
    Mono<Map<String, Map<String, UnitTotal>>> perKey(String tenant, Instant from, Instant to, Filters filters, Grouping by) {
        return query(tenant, from, to, filters, by);
    }

    private Mono<Map<String, Map<String, UnitTotal>>> query(String tenant, Instant from, Instant to, Filters filters,
            @Nullable Grouping by) {
        Sql sql = new Sql();
        String key = by == null ? "NULL::text" : by.expression(sql);
        List<String> parts = new ArrayList<>();
        Instant alignedFrom = ceil(from, QUARTER);
        Instant alignedTo = RollupCover.floor(to, QUARTER);
        Instant dayFrom = ceil(from, DAY);
        Instant dayTo = RollupCover.floor(to, DAY);
        if (filters.inRollups() && (by == null || by.inRollups()) && alignedFrom.isBefore(alignedTo)) {
            RollupCover cover = RollupCover.of(List.of(new Bucket(from, to)), alignedFrom, alignedTo, false);
            Dimension only = UsageSource.narrowest(filters, by);
            boolean narrow = only != null || filters.dimensions().keySet().stream().allMatch(d -> d == Dimension.STATUS)
                    && (by == null || by.dimension() == Dimension.STATUS);
            for (RollupCover.Part part : cover.parts()) {
                if (!part.starts().isEmpty()) {
                    parts.add(rollup(sql, part, tenant, narrow, only, filters));
                }
            }
            if (from.isBefore(alignedFrom)) {
                parts.add(raw(sql, tenant, from, alignedFrom));
            }
            if (alignedTo.isBefore(to)) {
                parts.add(raw(sql, tenant, alignedTo, to));
            }
        } else if (UsageSource.byUser(filters, by) && dayFrom.isBefore(dayTo)) {
            parts.add(users(sql, tenant, dayFrom, dayTo, filters));
            if (from.isBefore(dayFrom)) {
                parts.add(raw(sql, tenant, from, dayFrom));
            }
            if (dayTo.isBefore(to)) {
                parts.add(raw(sql, tenant, dayTo, to));
            }
        } else {
            parts.add(raw(sql, tenant, from, to));
        }
        sql.append("SELECT " + key + " AS k, unit, sum(quantity) AS quantity, sum(cost_usd) AS cost_usd,"
                + " sum(unpriced_quantity) AS unpriced_quantity FROM (SELECT * FROM (" + String.join(" UNION ALL ", parts)
                + ") AS u WHERE true");
        filters.appendTo(sql);
        sql.append(") AS unit_rows GROUP BY 1, 2");
        return byKey(sql);
    }

    /**
     * One level's units rollup rows (every part of a one-bucket cover is read by time, with sign 1): the
     * one-dimension rollup ({@code narrow}: {@code only}'s rows, or the totals rows when null) or the
     * all-dimension one.
     */
    private static String rollup(Sql sql, RollupCover.Part part, String tenant, boolean narrow, @Nullable Dimension only,
            Filters filters) {
        String level = part.step() == DAY ? "1d" : part.step() == HOUR ? "1h" : "15m";
        String where = " WHERE tenant = " + sql.bind(tenant) + " AND " + UsageSource.bucketStarts(sql, part.starts(), part.step());
        if (!narrow) {
            return "SELECT provider, NULLIF(model, '') AS model, endpoint, NULLIF(project, '') AS project, NULLIF(api_key, '') AS api_key,"
                    + " service_tier, status, NULL::text AS user_id, NULL::jsonb AS tags, " + MEASURES + " FROM usage_unit_rollup_" + level
                    + where + UsageSource.storedValues(sql, filters, Dimension.PROJECT, "project")
                    + UsageSource.storedValues(sql, filters, Dimension.API_KEY, "api_key")
                    + UsageSource.storedValues(sql, filters, Dimension.MODEL, "model");
        }
        if (only != null) {
            where += UsageSource.storedValues(sql, filters, only, "value");
        }
        StringBuilder columns = new StringBuilder();
        for (Dimension d : IN_DIMENSION_ROLLUP) {
            columns.append(d == only ? "NULLIF(value, '')" : "NULL::text").append(" AS ").append(d.column()).append(", ");
        }
        return "SELECT " + columns + "status, NULL::text AS user_id, NULL::jsonb AS tags, " + MEASURES + " FROM usage_unit_dim_rollup_"
                + level + where + " AND dim = " + sql.bind(only == null ? "" : only.column());
    }

    /**
     * The daily units rows by user ({@code usage_unit_dim_rollup_1d}, dim {@code 'user'}, migration V28) of the whole
     * UTC days [dayFrom, dayTo), for a question about users alone ({@link UsageSource#byUser}).
     */
    private static String users(Sql sql, String tenant, Instant dayFrom, Instant dayTo, Filters filters) {
        StringBuilder columns = new StringBuilder();
        for (Dimension d : IN_DIMENSION_ROLLUP) {
            columns.append("NULL::text AS ").append(d.column()).append(", ");
        }
        return "SELECT " + columns + "status, NULLIF(value, '') AS user_id, NULL::jsonb AS tags, " + MEASURES
                + " FROM usage_unit_dim_rollup_1d WHERE tenant = " + sql.bind(tenant) + " AND dim = " + sql.bind(USER_DIM)
                + " AND bucket_start >= " + sql.bind(dayFrom.toString()) + "::timestamptz AND bucket_start < "
                + sql.bind(dayTo.toString()) + "::timestamptz" + UsageSource.storedValues(sql, filters, Dimension.USER, "value");
    }

    private static String raw(Sql sql, String tenant, Instant from, Instant to) {
        return RAW_UNITS.formatted(sql.bind(tenant), sql.bind(from.toString()), sql.bind(to.toString()));
    }

    private Mono<Map<String, Map<String, UnitTotal>>> byKey(Sql sql) {
        return sql.on(db)
                .map(row -> new Object[] {row.get("k", String.class), row.get("unit", String.class),
                        new UnitTotal(integer(row.get("quantity", BigDecimal.class)), decimal(row.get("cost_usd", BigDecimal.class)),
                                integer(row.get("unpriced_quantity", BigDecimal.class)))})
                .all()
                .timeout(settings.queryTimeout())
                .collect(HashMap::new, (Map<String, Map<String, UnitTotal>> map, Object[] row) -> {
                    String k = row[0] == null ? "" : (String) row[0];
                    map.computeIfAbsent(k, x -> new TreeMap<>()).merge((String) row[1], (UnitTotal) row[2], UnitTotal::plus);
                });
    }

    private static BigInteger integer(@Nullable BigDecimal value) {
        return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
    }

    private static BigDecimal decimal(@Nullable BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    static Map<String, UnitTotal> shown(@Nullable Map<String, UnitTotal> units) {
        Map<String, UnitTotal> result = new TreeMap<>();
        if (units != null) {
            units.forEach((unit, totals) -> {
                if (!totals.isZero()) {
                    result.put(unit, totals.shown());
                }
            });
        }
        return result;
    }

    private static Instant ceil(Instant time, long seconds) {
        Instant floor = RollupCover.floor(time, seconds);
        return floor.equals(time) ? floor : floor.plusSeconds(seconds);
    }
}
