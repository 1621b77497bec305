package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.Timestamps;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.ingest.store.BatchSteps.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stores batches of priced events with an exactly-once effect: each (tenant, id) is stored and
 * added to the rollups once, whatever is redelivered, in one transaction per batch. The
 * transaction first takes its tenants' rollup locks shared ({@link BatchSql#LOCK_TENANTS}, so that
 * a re-pricing rebuild of one tenant's rollups waits for, or holds up, that tenant's batches only),
 * then claims the batch's keys ({@link BatchSql#KEYS}), which tells which events are new; only
 * those are streamed into the raw table with {@code COPY} ({@link BatchSql#COPY_EVENTS}) and
 * aggregated into rollup deltas here, which one statement merges ({@link BatchSql#ROLLUPS}).
 */
@Component
public class EventStore {

    private final DatabaseClient db;
    private final Partitions partitions;
    private final TransactionalOperator transaction;
    private final IngestSettings.RawRows rawRows;
    private final BatchSteps steps;

    EventStore(DatabaseClient db, Partitions partitions, TransactionalOperator transaction, IngestSettings settings, BatchSteps steps) {
        this.db = db;
        this.partitions = partitions;
        this.transaction = transaction;
        this.rawRows = settings.rawRows();
        this.steps = steps;
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
        return Mono.defer(() -> {
            BatchSteps.Laps laps = steps.laps();
            return partitions.ensure(batch.stream().map(PricedEvent::event).map(UsageEvent::time).toList())
                    .doOnSuccess(done -> laps.lap(Step.PARTITIONS))
                    .then(Mono.defer(() -> transaction.transactional(Mono.defer(() -> {
                        laps.lap(Step.BEGIN);
                        return store(batch, laps);
                    }))))
                    .doOnSuccess(done -> laps.lap(Step.COMMIT));
        });
    }

    private record Key(String tenant, String id) {
        static Key of(PricedEvent item) {
            return new Key(item.event().tenant(), item.event().id());
        }
    }

    private Mono<WriteResult> store(List<PricedEvent> batch, BatchSteps.Laps laps) {
        Map<Key, PricedEvent> firstOccurrences = new LinkedHashMap<>();
        for (PricedEvent item : batch) {
            firstOccurrences.putIfAbsent(Key.of(item), item);
        }
        List<PricedEvent> firsts = new ArrayList<>(firstOccurrences.values());
        // Aggregating runs on a worker thread, not on the database connection's event loop.
        return lockTenants(firsts)
                .doOnSuccess(done -> laps.lap(Step.LOCK))
                .then(claimKeys(firsts))
                .doOnNext(done -> laps.lap(Step.CLAIM))
                .publishOn(Schedulers.parallel()).flatMap(known -> {
                    List<PricedEvent> fresh = new ArrayList<>(firsts.size());
                    Map<Key, String> kept = new HashMap<>();
                    for (int i = 0; i < firsts.size(); i++) {
                        PricedEvent first = firsts.get(i);
                        String stored = known.get(i);
                        if (stored == null && !known.containsKey(i)) {
                            fresh.add(first);
                        }
                        kept.put(Key.of(first), stored != null ? stored : first.fingerprintHex());
                    }
                    List<PricedEvent> conflicting = new ArrayList<>();
                    List<String> keptOfConflicting = new ArrayList<>();
                    for (PricedEvent item : batch) {
                        String keptHex = kept.get(Key.of(item));
                        if (!item.fingerprintHex().equals(keptHex)) {
                            conflicting.add(item);
                            keptOfConflicting.add(keptHex);
                        }
                    }
                    WriteResult result = new WriteResult(fresh.size(), batch.size() - fresh.size(), conflicting.size());
                    return storeFresh(fresh, laps)
                            .then(recordConflicts(conflicting, keptOfConflicting, laps))
                            .thenReturn(result);
                });
    }

    /** Takes the shared rollup lock of each tenant of the batch; the transaction's first statement. */
    private Mono<Void> lockTenants(List<PricedEvent> firsts) {
        String[] tenants = firsts.stream().map(item -> item.event().tenant()).distinct().toArray(String[]::new);
        return db.sql(BatchSql.LOCK_TENANTS).bind(0, tenants).then();
    }

    /**
     * Claims the keys; answers the positions of those known already, with the stored fingerprint (hex, or null).
     * The keys are sent in (tenant, id) order, the order the claim inserts them in and joins them by: PostgreSQL
     * then finds its sorts already done with one comparison per key, where sorting them cost it a text
     * comparison in the database's collation some 14 times per key (a third of the claim's time).
     */
    private Mono<Map<Integer, String>> claimKeys(List<PricedEvent> firsts) {
        int n = firsts.size();
        Integer[] order = KeyOrder.byTenantAndId(firsts);
        String[] tenant = new String[n], id = new String[n], fingerprint = new String[n], time = new String[n];
        for (int i = 0; i < n; i++) {
            PricedEvent item = firsts.get(order[i]);
            UsageEvent e = item.event();
            tenant[i] = e.tenant();
            id[i] = e.id();
            fingerprint[i] = item.fingerprintHex();
            time[i] = Timestamps.format(e.time());
        }
        Map<Integer, String> known = new HashMap<>();
        return db.sql(BatchSql.KEYS)
                .bind(0, tenant).bind(1, id).bind(2, fingerprint).bind(3, time)
                .map(row -> {
                    known.put(order[row.get("ord", Long.class).intValue() - 1], row.get("kept_hex", String.class));
                    return 1;
                })
                .all()
                .then(Mono.fromSupplier(() -> known));
    }

    private Mono<Void> storeFresh(List<PricedEvent> fresh, BatchSteps.Laps laps) {
        if (fresh.isEmpty()) {
            laps.lap(Step.AGGREGATE);
            return Mono.empty();
        }
        RollupRows<?> deltas = RollupDeltas.of(fresh);
        List<Object> rollups = new ArrayList<>(List.of(deltas.fullColumns()));
        rollups.addAll(List.of(deltas.dimColumns()));
        if (rawRows == IngestSettings.RawRows.ARRAYS) {
            List<Object> columns = new ArrayList<>(List.of(Columns.of(fresh)));
            columns.addAll(rollups);
            RollupRows<?> units = UnitDeltas.of(fresh);
            laps.lap(Step.AGGREGATE);
            return bindAll(db.sql(BatchSql.STORE), columns)
                    .then()
                    .doOnSuccess(done -> laps.lap(Step.ROLLUPS)) // raw rows and rollups in one statement
                    .then(storeUnits(units, laps));
        }
        byte[] rows = CopyRows.of(fresh);
        RollupRows<?> units = UnitDeltas.of(fresh);
        laps.lap(Step.AGGREGATE);
        return copyEvents(rows)
                .doOnSuccess(done -> laps.lap(Step.COPY))
                .then(bindAll(db.sql(BatchSql.ROLLUPS), rollups).then())
                .doOnSuccess(done -> laps.lap(Step.ROLLUPS))
                .then(storeUnits(units, laps));
    }

    /** Adds to the units rollups; only batches whose events carry {@code usage.units} run this statement. */
    private Mono<Void> storeUnits(RollupRows<?> units, BatchSteps.Laps laps) {
        if (units.isEmpty()) {
            return Mono.empty();
        }
        List<Object> columns = new ArrayList<>(List.of(units.fullColumns()));
        columns.addAll(List.of(units.dimColumns()));
        return bindAll(db.sql(BatchSql.UNITS), columns).then().doOnSuccess(done -> laps.lap(Step.UNITS));
    }

    /** Streams the rows on the transaction's connection (r2dbc-postgresql's COPY, behind Spring's and the pool's wrappers). */
    private Mono<Long> copyEvents(byte[] rows) {
        return db
                .inConnection(connection -> PostgresConnections.unwrap(connection, "COPY").copyIn(BatchSql.COPY_EVENTS).from(rows).build());
    }

    private Mono<Void> recordConflicts(List<PricedEvent> conflicting, List<String> keptHex, BatchSteps.Laps laps) {
        if (conflicting.isEmpty()) {
            return Mono.empty();
        }
        List<Object> columns = new ArrayList<>(List.of(Columns.of(conflicting)));
        columns.add(conflicting.stream().map(PricedEvent::fingerprintHex).toArray(String[]::new));
        columns.add(keptHex.toArray(String[]::new));
        return bindAll(db.sql(BatchSql.CONFLICTS), columns).then().doOnSuccess(done -> laps.lap(Step.CONFLICTS));
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec statement, List<Object> columns) {
        for (int i = 0; i < columns.size(); i++) {
            statement = statement.bind(i, columns.get(i));
        }
        return statement;
    }
}
