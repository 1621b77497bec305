package dev.tokenmeter.ingest.store;

import dev.tokenmeter.ingest.IngestSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.tokenmeter.schedule.Periodic;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps storage work off the ingest path, at start and then every {@code tokenmeter.partitions.interval}:
 * creates the partitions of {@code usage_event} from the month of the oldest event ingest accepts
 * ({@code late-window + backlog-grace} ago) to {@code months-ahead} months after the current one;
 * starts a new dedup-key generation when the current one is {@code key-generation} old and drops the
 * generations whose keys are all past {@code late-window + backlog-grace + future-skew + key-margin};
 * drops raw-event partitions past {@code raw-events}; deletes rollups past {@code rollups} when that
 * is set. Each step is one database function (migration V11), idempotent and serialized by a
 * table or advisory lock, so any number of instances may run it; each waits at most {@code lock-timeout}
 * for a lock. A failed step is logged, counted ({@code ingest.maintenance.runs{step, outcome=failed}})
 * and tried again at the next run; the others still run.
 */
@Component
class StorageMaintenance {

    private static final Logger log = LoggerFactory.getLogger(StorageMaintenance.class);

    private final DatabaseClient db;
    private final Partitions partitions;
    private final PartitionSettings settings;
    private final RetentionSettings retention;
    private final IngestSettings ingest;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String lockTimeout;

    StorageMaintenance(DatabaseClient db, Partitions partitions, PartitionSettings settings, RetentionSettings retention,
            IngestSettings ingest, Clock clock, MeterRegistry meters) {
        check(retention, ingest);
        this.db = db;
        this.partitions = partitions;
        this.settings = settings;
        this.retention = retention;
        this.ingest = ingest;
        this.clock = clock;
        this.meters = meters;
        this.lockTimeout = settings.lockTimeout().toString();
    }

    /** Settings that would drop data ingest still accepts, or rollups before their raw events, are refused at start. */
    static void check(RetentionSettings retention, IngestSettings ingest) {
        if (retention.rawEvents().compareTo(oldestAccepted(ingest)) <= 0) {
            throw new IllegalStateException("tokenmeter.retention.raw-events (" + retention.rawEvents()
                    + ") must exceed tokenmeter.ingest.late-window + backlog-grace (" + oldestAccepted(ingest)
                    + "): accepted events would land in dropped partitions");
        }
        Duration rollups = retention.rollups();
        if (rollups != null && rollups.compareTo(retention.rawEvents()) < 0) {
            throw new IllegalStateException("tokenmeter.retention.rollups (" + rollups
                    + ") must be at least tokenmeter.retention.raw-events (" + retention.rawEvents() + ")");
        }
        if (retention.keyMargin().isNegative() || retention.keyGeneration().compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalStateException("tokenmeter.retention.key-margin must be >= 0 and key-generation at least 1m");
        }
    }

    /** How old an event ingest still accepts may be: the late window, counted from a record's arrival up to backlog-grace ago. */
    static Duration oldestAccepted(IngestSettings ingest) {
        return ingest.lateWindow().plus(ingest.backlogGrace());
    }

    /** Runs every step at start, then every {@code interval}. */
    @Bean
    Periodic<Long> storageMaintenanceRuns() {
        return Periodic.every("Storage maintenance", Duration.ZERO, settings.interval(), this::runOnce);
    }

    /** One run of every step, each on its own: a failing step does not keep the others from running. */
    Mono<Void> runOnce() {
        Mono<Void> steps = step("partitions", "partitions of usage_event created", createAhead())
                .then(step("key_generations", "", rotateKeys()))
                .then(step("key_purge", "dedup-key generations dropped", purgeKeys()))
                .then(step("raw_retention", "raw-event partitions dropped", dropRawEvents()));
        return retention.rollups() == null ? steps : steps.then(step("rollup_retention", "rollup rows deleted", purgeRollups()));
    }

    private Mono<Long> createAhead() {
        YearMonth now = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
        YearMonth oldest = YearMonth.from(clock.instant().minus(oldestAccepted(ingest)).atOffset(ZoneOffset.UTC));
        return partitions.create(oldest, now.plusMonths(settings.monthsAhead() + 1L)).map(Integer::longValue);
    }

    private Mono<Long> rotateKeys() {
        return call("SELECT rotate_usage_event_keys($1::interval, $2::interval) AS n", retention.keyGeneration());
    }

    private Mono<Long> purgeKeys() {
        Duration keep = oldestAccepted(ingest).plus(ingest.futureSkew()).plus(retention.keyMargin());
        return call("SELECT drop_usage_event_key_generations($1::interval, $2::interval) AS n", keep);
    }

    private Mono<Long> dropRawEvents() {
        return call("SELECT drop_usage_event_partitions($1::interval, $2::interval) AS n", retention.rawEvents())
                .flatMap(dropped -> partitions.forgetDropped().thenReturn(dropped));
    }

    private Mono<Long> purgeRollups() {
        return Mono.justOrEmpty(retention.rollups())
                .flatMap(keep -> call("SELECT purge_usage_rollups($1::interval, $2::interval) AS n", keep));
    }

    private Mono<Long> call(String sql, Duration period) {
        return db.sql(sql)
                .bind(0, period.toString())
                .bind(1, lockTimeout)
                .map(row -> ((Number) row.get("n")).longValue())
                .one();
    }

    /** Runs one step; {@code done} names what its count counts, logged when not zero (empty: not logged). */
    private Mono<Void> step(String name, String done, Mono<Long> work) {
        return work
                .doOnNext(n -> {
                    if (n > 0 && !done.isEmpty()) {
                        log.info("Storage maintenance: {} {}", n, done);
                    }
                })
                .doOnSuccess(n -> counter(name, "ok").increment())
                .then()
                // a failed step (database down, lock timeout) is retried at the next run
                .onErrorResume(e -> {
                    counter(name, "failed").increment();
                    log.warn("Storage maintenance step {} failed; it runs again in {}: {}", name, settings.interval(), e.toString());
                    return Mono.empty();
                });
    }

    private Counter counter(String step, String outcome) {
        return Counter.builder("ingest.maintenance.runs")
                .description("Runs of each storage maintenance step (partitions ahead, key generations, retention)")
                .tag("step", step)
                .tag("outcome", outcome)
                .register(meters);
    }
}
