package dev.tokenmeter.query.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The raw-event horizon: raw events before it may have been dropped by retention, every raw event
 * at or after it is kept. The ingest service's maintenance job records it in
 * {@code retention_horizon} (migration V11) in the transaction that drops partitions, from its
 * {@code tokenmeter.retention.raw-events}; it is a UTC midnight and only moves forward. Empty when
 * no raw event was ever dropped. Rollups are not bound by it.
 */
@Component
public class RawHorizon {

    /** How old the value labelling answers may be. */
    static final Duration CACHED_FOR = Duration.ofSeconds(10);

    private final DatabaseClient db;
    private final Mono<Instant> cached;

    RawHorizon(DatabaseClient db) {
        this.db = db;
        this.cached = read().cache(horizon -> CACHED_FOR, error -> Duration.ZERO, () -> CACHED_FOR);
    }

    /** The horizon as read at most {@link #CACHED_FOR} ago: to label answers. */
    public Mono<Instant> recent() {
        return cached;
    }

    /** The horizon read now: to decide (re-pricing). */
    public Mono<Instant> current() {
        return read();
    }

    private Mono<Instant> read() {
        return db.sql("SELECT kept_from FROM retention_horizon WHERE data = 'raw_events'")
                .map(row -> row.get("kept_from", OffsetDateTime.class))
                .one()
                .map(OffsetDateTime::toInstant);
    }
}
