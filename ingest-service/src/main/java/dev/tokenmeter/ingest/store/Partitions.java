package dev.tokenmeter.ingest.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The monthly partitions of {@code usage_event}, as the write path sees them. {@link StorageMaintenance}
 * creates them ahead; here a month is remembered once the database said it has its partition, so
 * checking a batch's months is a look-up in memory. A month not remembered yet costs one round trip
 * per instance: {@code ensure_usage_event_partitions} finds the partition there (no lock, no DDL) or,
 * as a fallback (a month the job does not cover, or a partition dropped by hand), creates it.
 * Months are learned from the database, never assumed, so a partition dropped behind the service's
 * back before any event of its month is created again rather than missed.
 */
@Component
class Partitions {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMM");
    private static final String PREFIX = "usage_event_";

    private final DatabaseClient db;
    private final String lockTimeout;
    private final Set<YearMonth> existing = ConcurrentHashMap.newKeySet();

    Partitions(DatabaseClient db, PartitionSettings settings) {
        this.db = db;
        this.lockTimeout = settings.lockTimeout().toString();
    }

    /** Makes sure the months of these event times have partitions; from memory when they are known to. */
    Mono<Void> ensure(Collection<Instant> times) {
        YearMonth first = null;
        YearMonth last = null;
        for (Instant time : times) {
            YearMonth month = YearMonth.from(time.atOffset(ZoneOffset.UTC));
            if (!existing.contains(month)) {
                first = first == null || month.isBefore(first) ? month : first;
                last = last == null || month.isAfter(last) ? month : last;
            }
        }
        if (first == null || last == null) {
            return Mono.empty();
        }
        YearMonth from = first;
        YearMonth to = last.plusMonths(1);
        return create(from, to).doOnSuccess(created -> {
            for (YearMonth month = from; month.isBefore(to); month = month.plusMonths(1)) {
                existing.add(month);
            }
        }).then();
    }

    /** Creates the missing partitions of the months in [from, to); answers how many it created. */
    Mono<Integer> create(YearMonth from, YearMonth to) {
        return db.sql("SELECT ensure_usage_event_partitions($1, $2, $3::interval) AS created")
                .bind(0, from.atDay(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .bind(1, to.atDay(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .bind(2, lockTimeout)
                .map(row -> row.get("created", Integer.class))
                .one()
                .defaultIfEmpty(0);
    }

    /** Forgets the months whose partitions are gone (after retention dropped some). */
    Mono<Void> forgetDropped() {
        return db.sql("""
                SELECT c.relname::text AS relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'usage_event'::regclass""")
                .map(row -> row.get("relname", String.class))
                .all()
                .mapNotNull(Partitions::month)
                .collect(Collectors.toSet())
                .doOnNext(existing::retainAll)
                .then();
    }

    /** The month a partition named {@code usage_event_YYYYMM} holds; null for any other table. */
    static @Nullable YearMonth month(@Nullable String partition) {
        if (partition == null || !partition.matches(PREFIX + "\\d{6}")) {
            return null;
        }
        return YearMonth.parse(partition.substring(PREFIX.length()), SUFFIX);
    }
}
