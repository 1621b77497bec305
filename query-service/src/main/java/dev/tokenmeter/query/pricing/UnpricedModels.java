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
            SELECT provider, model, count(*) AS events, sum(input_tokens) AS input_tokens,
                   sum(output_tokens) AS output_tokens, min(event_time) AS first_seen, max(event_time) AS last_seen
            FROM usage_event
            WHERE tenant = :tenant AND NOT priced AND event_time >= :from AND event_time < :to
            GROUP BY provider, model
            ORDER BY count(*) DESC, provider, model
            LIMIT :limit""";

    /**
     * @param pricedNow whether a price (the tenant's or the catalog's) now exists for the model at its
     *                  last-seen time: re-pricing the range from firstSeen to lastSeen would price these events
     */
    record Model(String provider, String model, long events, long inputTokens, long outputTokens, long totalTokens,
                 Instant firstSeen, Instant lastSeen, boolean pricedNow) {
    }

    private final DatabaseClient db;

    UnpricedModels(DatabaseClient db) {
        this.db = db;
    }

    Flux<Model> list(String tenant, Instant from, Instant to, int limit) {
        return db.sql(QUERY)
                .bind("tenant", tenant)
                .bind("from", from.atOffset(ZoneOffset.UTC))
                .bind("to", to.atOffset(ZoneOffset.UTC))
                .bind("limit", limit)
                .map(UnpricedModels::model)
                .all();
    }

    private static Model model(Readable row) {
        long input = number(row, "input_tokens");
        long output = number(row, "output_tokens");
        return new Model(row.get("provider", String.class), row.get("model", String.class), number(row, "events"),
                input, output, input + output, row.get("first_seen", OffsetDateTime.class).toInstant(),
                row.get("last_seen", OffsetDateTime.class).toInstant(), false);
    }

    private static long number(Readable row, String column) {
        @Nullable Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
