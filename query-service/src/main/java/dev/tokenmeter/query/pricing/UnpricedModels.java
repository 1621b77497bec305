package dev.tokenmeter.query.pricing;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Models seen without a price: the tenant's stored events with {@code priced = false} (read through
 * the partial index {@code usage_event_unpriced}), grouped by provider and model. Events keep that
 * flag until a re-pricing job prices them, so a model stays listed after its price is set until the
 * affected range is re-priced; {@link Model#pricedNow()} tells the two cases apart.
 */
@Component
class UnpricedModels {

    private static final String QUERY = """
            SELECT provider, model, CASE WHEN model IS NULL THEN endpoint END AS endpoint, count(*) AS events,
                   sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
                   min(event_time) AS first_seen, max(event_time) AS last_seen
            FROM usage_event
            WHERE tenant = :tenant AND NOT priced AND event_time >= :from AND event_time < :to
            GROUP BY 1, 2, 3
            ORDER BY count(*) DESC, provider, model, endpoint
            LIMIT :limit""";
    /** Units sent without a price (API.md §4), of priced and unpriced events alike: listed, never $0 silently. */
    private static final String UNITS = """
            SELECT provider, model, CASE WHEN model IS NULL THEN endpoint END AS endpoint, u.key AS unit,
                   count(*) AS events, sum(u.value::numeric) AS quantity
            FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)
            WHERE tenant = :tenant AND units IS NOT NULL AND event_time >= :from AND event_time < :to
              AND NOT coalesce(unit_costs ? u.key, false)
            GROUP BY 1, 2, 3, 4
            ORDER BY sum(u.value::numeric) DESC, provider, model, endpoint, unit
            LIMIT :limit""";

    /**
     * A unit sent without a price: its provider, model (null for calls without one, then the endpoint) and quantity,
     * summed exactly (past the range of a long if need be).
     */
    record UnpricedUnit(String provider, @Nullable String model, @Nullable String endpoint, String unit, long events,
            java.math.BigInteger quantity) {
    }

    /**
     * @param pricedNow whether a price (the tenant's or the catalog's) now exists for the model at its
     *                  last-seen time: re-pricing the range from firstSeen to lastSeen would price these events
     */
    record Model(String provider, @Nullable String model, @Nullable String endpoint, long events, long inputTokens, long outputTokens,
            long totalTokens,
            Instant firstSeen, Instant lastSeen, boolean pricedNow) {
    }

    private final DatabaseClient db;

    UnpricedModels(DatabaseClient db) {
        this.db = db;
    }

    Flux<Model> list(String tenant, Instant from, Instant to, int limit) {
        return inRange(QUERY, tenant, from, to, limit)
                .map(UnpricedModels::model)
                .all();
    }

    /** {@code sql} with the tenant, the range {@code [from, to)} and the row limit bound. */
    private DatabaseClient.GenericExecuteSpec inRange(String sql, String tenant, Instant from, Instant to, int limit) {
        return db.sql(sql)
                .bind("tenant", tenant)
                .bind("from", from.atOffset(ZoneOffset.UTC))
                .bind("to", to.atOffset(ZoneOffset.UTC))
                .bind("limit", limit);
    }

    private static Model model(Readable row) {
        long input = number(row, "input_tokens");
        long output = number(row, "output_tokens");
        return new Model(row.get("provider", String.class), row.get("model", String.class), row.get("endpoint", String.class),
                number(row, "events"),
                input, output, input + output, row.get("first_seen", OffsetDateTime.class).toInstant(),
                row.get("last_seen", OffsetDateTime.class).toInstant(), false);
    }

    Flux<UnpricedUnit> units(String tenant, Instant from, Instant to, int limit) {
        return inRange(UNITS, tenant, from, to, limit)
                .map(row -> new UnpricedUnit(row.get("provider", String.class), row.get("model", String.class),
                        row.get("endpoint", String.class), row.get("unit", String.class), number(row, "events"),
                        quantity(row.get("quantity", java.math.BigDecimal.class))))
                .all();
    }

    private static java.math.BigInteger quantity(java.math.@Nullable BigDecimal value) {
        return value == null ? java.math.BigInteger.ZERO : value.toBigIntegerExact();
    }

    private static long number(Readable row, String column) {
        @Nullable
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
