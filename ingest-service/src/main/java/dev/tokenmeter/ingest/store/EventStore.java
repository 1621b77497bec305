package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.Timestamps;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.ingest.IngestSettings;
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

    EventStore(DatabaseClient db, Partitions partitions, TransactionalOperator transaction, IngestSettings settings) {
        this.db = db;
        this.partitions = partitions;
        this.transaction = transaction;
        this.rawRows = settings.rawRows();
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
                .then(Mono.defer(() -> transaction.transactional(store(batch))));
    }

    /**
     * Builds, off the writer, what storing {@code batch} sends: the claim's arrays and the COPY lines of its
     * events ({@link PreparedWrite}). CPU work only; call it on a worker thread.
     */
    public PreparedWrite prepare(List<PricedEvent> batch) {
        return PreparedWrite.of(batch);
    }

    /**
     * As {@link #write(List)}, with the work that does not depend on the database done beforehand: the
     * transaction sends the prepared claim, cuts the new events' lines out of the prepared COPY body, and adds
     * up the rollup deltas while the database runs the COPY.
     */
    public Mono<WriteResult> write(PreparedWrite prepared) {
        if (prepared.isEmpty()) {
            return Mono.just(WriteResult.NONE);
        }
        if (rawRows != IngestSettings.RawRows.COPY) {
            return write(prepared.events());
        }
        return partitions.ensure(prepared.times)
                .then(Mono.defer(() -> transaction.transactional(store(prepared))));
    }

    private Mono<WriteResult> store(PreparedWrite prepared) {
        return db.sql(BatchSql.LOCK_TENANTS).bind(0, prepared.tenants).then()
                .then(claimKeys(prepared.order, prepared.tenant, prepared.id, prepared.fingerprint, prepared.time))
                .publishOn(Schedulers.parallel())
                .flatMap(known -> {
                    List<PricedEvent> firsts = prepared.firsts;
                    int[] freshPositions = new int[firsts.size()];
                    int freshCount = 0;
                    Map<PreparedWrite.Key, String> kept = known.isEmpty() ? Map.of() : new HashMap<>();
                    for (int i = 0; i < firsts.size(); i++) {
                        String stored = known.get(i);
                        if (stored == null && !known.containsKey(i)) {
                            freshPositions[freshCount++] = i;
                        }
                        if (!known.isEmpty()) {
                            kept.put(PreparedWrite.Key.of(firsts.get(i)), stored != null ? stored : firsts.get(i).fingerprintHex());
                        }
                    }
                    int[] positions = java.util.Arrays.copyOf(freshPositions, freshCount);
                    List<PricedEvent> fresh = new ArrayList<>(freshCount);
                    for (int position : positions) {
                        fresh.add(firsts.get(position));
                    }
                    Conflicts conflicts = firsts.size() == prepared.batch.size() && known.isEmpty()
                            ? Conflicts.NONE
                            : Conflicts.of(prepared.batch, kept, firsts);
                    WriteResult result = new WriteResult(fresh.size(), prepared.batch.size() - fresh.size(), conflicts.events().size());
                    return storeFreshPrepared(fresh, prepared.rowsOf(positions))
                            .then(recordConflicts(conflicts.events(), conflicts.keptHex()))
                            .thenReturn(result);
                });
    }

    /** The events of a batch whose fingerprint differs from the one kept for their key, and that fingerprint. */
    private record Conflicts(List<PricedEvent> events, List<String> keptHex) {
        static final Conflicts NONE = new Conflicts(List.of(), List.of());

        /** {@code kept} is empty when no key was known: then only a batch's own repeats can differ from its first occurrences. */
        static Conflicts of(List<PricedEvent> batch, Map<PreparedWrite.Key, String> kept, List<PricedEvent> firsts) {
            Map<PreparedWrite.Key, String> keptHex = kept;
            if (kept.isEmpty()) {
                keptHex = new HashMap<>();
                for (PricedEvent first : firsts) {
                    keptHex.put(PreparedWrite.Key.of(first), first.fingerprintHex());
                }
            }
            List<PricedEvent> conflicting = new ArrayList<>();
            List<String> keptOfConflicting = new ArrayList<>();
            for (PricedEvent item : batch) {
                String hex = keptHex.get(PreparedWrite.Key.of(item));
                if (!item.fingerprintHex().equals(hex)) {
                    conflicting.add(item);
                    keptOfConflicting.add(java.util.Objects.requireNonNull(hex, "every key has a first occurrence"));
                }
            }
            return new Conflicts(conflicting, keptOfConflicting);
        }
    }

    /** The bind columns of the token and units rollups that a batch's new events add to. */
    private record Rollups(List<Object> tokens, List<Object> units) {
        static Rollups of(List<PricedEvent> fresh) {
            RollupRows<?> deltas = RollupDeltas.of(fresh);
            List<Object> tokens = new ArrayList<>(List.of(deltas.fullColumns()));
            tokens.addAll(List.of(deltas.dimColumns()));
            RollupRows<?> unitDeltas = UnitDeltas.of(fresh);
            List<Object> units = new ArrayList<>();
            if (!unitDeltas.isEmpty()) {
                units.addAll(List.of(unitDeltas.fullColumns()));
                units.addAll(List.of(unitDeltas.dimColumns()));
            }
            return new Rollups(tokens, units);
        }
    }

    /** COPYs the new events while a worker adds up their rollup deltas, then merges those. */
    private Mono<Void> storeFreshPrepared(List<PricedEvent> fresh, byte[] rows) {
        if (fresh.isEmpty()) {
            return Mono.empty();
        }
        Mono<Rollups> rollups = Mono.fromCallable(() -> Rollups.of(fresh)).subscribeOn(Schedulers.parallel());
        return Mono.zip(copyEvents(rows), rollups)
                .flatMap(copied -> {
                    Rollups deltas = copied.getT2();
                    Mono<Void> units = deltas.units().isEmpty() ? Mono.empty() : bindAll(db.sql(BatchSql.UNITS), deltas.units()).then();
                    return bindAll(db.sql(BatchSql.ROLLUPS), deltas.tokens()).then().then(units);
                });
    }

    private Mono<WriteResult> store(List<PricedEvent> batch) {
        Map<PreparedWrite.Key, PricedEvent> firstOccurrences = new LinkedHashMap<>();
        for (PricedEvent item : batch) {
            firstOccurrences.putIfAbsent(PreparedWrite.Key.of(item), item);
        }
        List<PricedEvent> firsts = new ArrayList<>(firstOccurrences.values());
        // Aggregating runs on a worker thread, not on the database connection's event loop.
        return lockTenants(firsts).then(claimKeys(firsts)).publishOn(Schedulers.parallel()).flatMap(known -> {
            List<PricedEvent> fresh = new ArrayList<>(firsts.size());
            Map<PreparedWrite.Key, String> kept = new HashMap<>();
            for (int i = 0; i < firsts.size(); i++) {
                PricedEvent first = firsts.get(i);
                String stored = known.get(i);
                if (stored == null && !known.containsKey(i)) {
                    fresh.add(first);
                }
                kept.put(PreparedWrite.Key.of(first), stored != null ? stored : first.fingerprintHex());
            }
            List<PricedEvent> conflicting = new ArrayList<>();
            List<String> keptOfConflicting = new ArrayList<>();
            for (PricedEvent item : batch) {
                String keptHex = kept.get(PreparedWrite.Key.of(item));
                if (!item.fingerprintHex().equals(keptHex)) {
                    conflicting.add(item);
                    keptOfConflicting.add(keptHex);
                }
            }
            WriteResult result = new WriteResult(fresh.size(), batch.size() - fresh.size(), conflicting.size());
            return storeFresh(fresh)
                    .then(recordConflicts(conflicting, keptOfConflicting))
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
        return claimKeys(order, tenant, id, fingerprint, time);
    }

    /** Claims the keys given column-wise, row i being the event at position {@code order[i]}. */
    private Mono<Map<Integer, String>> claimKeys(Integer[] order, String[] tenant, String[] id, String[] fingerprint, String[] time) {
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

    private Mono<Void> storeFresh(List<PricedEvent> fresh) {
        if (fresh.isEmpty()) {
            return Mono.empty();
        }
        RollupRows<?> deltas = RollupDeltas.of(fresh);
        List<Object> rollups = new ArrayList<>(List.of(deltas.fullColumns()));
        rollups.addAll(List.of(deltas.dimColumns()));
        if (rawRows == IngestSettings.RawRows.ARRAYS) {
            List<Object> columns = new ArrayList<>(List.of(Columns.of(fresh)));
            columns.addAll(rollups);
            return bindAll(db.sql(BatchSql.STORE), columns)
                    .then()
                    .then(storeUnits(UnitDeltas.of(fresh)));
        }
        byte[] rows = CopyRows.of(fresh);
        return copyEvents(rows)
                .then(bindAll(db.sql(BatchSql.ROLLUPS), rollups).then())
                .then(storeUnits(UnitDeltas.of(fresh)));
    }

    /** Adds to the units rollups; only batches whose events carry {@code usage.units} run this statement. */
    private Mono<Void> storeUnits(RollupRows<?> units) {
        if (units.isEmpty()) {
            return Mono.empty();
        }
        List<Object> columns = new ArrayList<>(List.of(units.fullColumns()));
        columns.addAll(List.of(units.dimColumns()));
        return bindAll(db.sql(BatchSql.UNITS), columns).then();
    }

    /** Streams the rows on the transaction's connection (r2dbc-postgresql's COPY, behind Spring's and the pool's wrappers). */
    private Mono<Long> copyEvents(byte[] rows) {
        return db
                .inConnection(connection -> PostgresConnections.unwrap(connection, "COPY").copyIn(BatchSql.COPY_EVENTS).from(rows).build());
    }

    private Mono<Void> recordConflicts(List<PricedEvent> conflicting, List<String> keptHex) {
        if (conflicting.isEmpty()) {
            return Mono.empty();
        }
        List<Object> columns = new ArrayList<>(List.of(Columns.of(conflicting)));
        columns.add(conflicting.stream().map(PricedEvent::fingerprintHex).toArray(String[]::new));
        columns.add(keptHex.toArray(String[]::new));
        return bindAll(db.sql(BatchSql.CONFLICTS), columns).then();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec statement, List<Object> columns) {
        for (int i = 0; i < columns.size(); i++) {
            statement = statement.bind(i, columns.get(i));
        }
        return statement;
    }
}
