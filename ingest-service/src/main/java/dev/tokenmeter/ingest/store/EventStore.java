package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.UsageEvent;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores batches of priced events with an exactly-once effect: each (tenant, id) is stored and
 * added to the rollups once, whatever is redelivered, in one atomic round trip per batch.
 */
@Component
public class EventStore {

    private final DatabaseClient db;
    private final Partitions partitions;

    EventStore(DatabaseClient db, Partitions partitions) {
        this.db = db;
        this.partitions = partitions;
    }

    /**
     * Stores the events new to the database. Safe to repeat: a batch written twice — after a
     * crash before the offset commit, or a retry after a timeout whose write did land — changes
     * nothing the second time.
     */
    public Mono<WriteResult> write(List<PricedEvent> batch) {
        if (batch.isEmpty()) {
            return Mono.just(WriteResult.NONE);
        }
        return partitions.ensure(batch.stream().map(PricedEvent::event).map(UsageEvent::time).toList())
                .then(Mono.defer(() -> insert(batch)));
    }

    private Mono<WriteResult> insert(List<PricedEvent> batch) {
        DatabaseClient.GenericExecuteSpec statement = db.sql(BatchSql.STATEMENT);
        Object[] columns = Columns.of(batch);
        for (int i = 0; i < columns.length; i++) {
            statement = statement.bind(i, columns[i]);
        }
        return statement
                .map(row -> new WriteResult(
                        row.get("persisted", Long.class),
                        row.get("duplicates", Long.class),
                        row.get("conflicting", Long.class)))
                .one();
    }
}
