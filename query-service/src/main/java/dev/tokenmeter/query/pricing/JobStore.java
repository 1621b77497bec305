package dev.tokenmeter.query.pricing;

import dev.tokenmeter.query.JobDatabase;
import io.r2dbc.spi.Readable;
import dev.tokenmeter.query.ids.Ids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Re-pricing jobs (table {@code pricing_job}). A job is claimed atomically ({@code FOR UPDATE SKIP
 * LOCKED}), so with several query-service instances each job runs once. Jobs of one tenant run one
 * at a time across instances: the claim skips tenants that have a running job with a live
 * heartbeat, and claims are serialized by an advisory lock taken in the claim's transaction before
 * the claiming statement (and so before its snapshot), so two instances cannot both see a tenant
 * idle and start two of its jobs. A running job's runner records a heartbeat every
 * {@code tokenmeter.query.repricing.heartbeat}; a job whose heartbeat is older than {@code stale-after}
 * (its instance died) is claimed again and starts over, which is safe because re-pricing is idempotent.
 */
@Component
class JobStore {

    private static final String COLUMNS = """
            id, tenant, range_from, range_to, state, events_total, events_done, events_repriced, days_total, days_done,
            created_at, started_at, finished_at, error""";
    static final String CLAIM = """
            UPDATE pricing_job j SET state = 'running', started_at = now(), heartbeat_at = now(), finished_at = NULL,
                events_done = 0, events_repriced = 0, days_done = 0, error = NULL,
                events_total = (SELECT count(*) FROM usage_event e
                                WHERE e.tenant = j.tenant AND e.event_time >= j.range_from AND e.event_time < j.range_to)
            WHERE j.id = (SELECT id FROM pricing_job p
                          WHERE (state = 'queued' OR state = 'running' AND heartbeat_at < now() - CAST(:stale AS interval))
                            AND NOT EXISTS (SELECT FROM pricing_job r
                                            WHERE r.tenant = p.tenant AND r.id <> p.id AND r.state = 'running'
                                              AND r.heartbeat_at >= now() - CAST(:stale AS interval))
                          ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + COLUMNS;

    /**
     * One job as {@code GET /api/v1/jobs/{id}} shows it.
     *
     * @param eventsTotal    the tenant's events in the range when the job started (events arriving
     *                       during the job may make {@code eventsDone} end higher; it is then raised to match)
     * @param eventsRepriced events whose cost, price reference or priced flag changed
     * @param progress       days done / days total, 0 to 1
     */
    record Job(String id, String type, String tenant, String state, Instant from, Instant to, long eventsTotal, long eventsDone,
            long eventsRepriced, int daysTotal, int daysDone, double progress, Instant createdAt,
            @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error) {
    }

    /** The API's pool, for creating and reading jobs. */
    private final DatabaseClient db;
    /** The jobs' pool, for the runner's claims and progress. */
    private final DatabaseClient jobs;
    private final TransactionalOperator transactions;
    private final String staleAfter;

    JobStore(DatabaseClient db, JobDatabase jobs, RepricingSettings settings) {
        this.db = db;
        this.jobs = jobs.client();
        this.transactions = jobs.transactions();
        this.staleAfter = settings.staleAfter().toString();
    }

    Mono<Job> create(String tenant, Instant from, Instant to, int days) {
        return db.sql("INSERT INTO pricing_job (id, tenant, range_from, range_to, state, days_total)"
                + " VALUES (:id, :tenant, :from, :to, 'queued', :days) RETURNING " + COLUMNS)
                .bind("id", Ids.job())
                .bind("tenant", tenant)
                .bind("from", from.atOffset(ZoneOffset.UTC))
                .bind("to", to.atOffset(ZoneOffset.UTC))
                .bind("days", days)
                .map(JobStore::job)
                .one();
    }

    Mono<Job> find(String tenant, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM pricing_job WHERE id = :id AND tenant = :tenant")
                .bind("id", id)
                .bind("tenant", tenant)
                .map(JobStore::job)
                .one();
    }

    /** Takes the oldest queued (or abandoned) job of a tenant with no job running and marks it running; empty when there is none. */
    Mono<Job> claimNext() {
        return transactions.transactional(jobs.sql("SELECT pg_advisory_xact_lock(hashtext('pricing_job_claim'))").then()
                .then(Mono.defer(() -> jobs.sql(CLAIM)
                        .bind("stale", staleAfter)
                        .map(JobStore::job)
                        .one())));
    }

    Mono<Void> dayDone(String id, long examined, long repriced) {
        return jobs.sql("""
                UPDATE pricing_job SET events_done = events_done + :examined, events_repriced = events_repriced + :repriced,
                    days_done = days_done + 1, heartbeat_at = now()
                WHERE id = :id""")
                .bind("id", id)
                .bind("examined", examined)
                .bind("repriced", repriced)
                .then();
    }

    /** Records that the job's runner is alive (see {@code stale-after}). */
    Mono<Void> heartbeat(String id) {
        return jobs.sql("UPDATE pricing_job SET heartbeat_at = now() WHERE id = :id AND state = 'running'")
                .bind("id", id)
                .then();
    }

    Mono<Void> done(String id) {
        return jobs.sql("""
                UPDATE pricing_job SET state = 'done', finished_at = now(), heartbeat_at = now(),
                    events_total = greatest(events_total, events_done)
                WHERE id = :id""")
                .bind("id", id)
                .then();
    }

    Mono<Void> failed(String id, String error) {
        return jobs.sql("UPDATE pricing_job SET state = 'failed', finished_at = now(), heartbeat_at = now(), error = :error WHERE id = :id")
                .bind("id", id)
                .bind("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .then();
    }

    private static Job job(Readable row) {
        int daysTotal = row.get("days_total", Integer.class);
        int daysDone = row.get("days_done", Integer.class);
        return new Job(row.get("id", String.class), "reprice", row.get("tenant", String.class), row.get("state", String.class),
                instant(row, "range_from"), instant(row, "range_to"),
                row.get("events_total", Long.class), row.get("events_done", Long.class), row.get("events_repriced", Long.class),
                daysTotal, daysDone, daysTotal == 0 ? 1.0 : Math.min(1.0, daysDone / (double) daysTotal),
                instant(row, "created_at"), nullableInstant(row, "started_at"), nullableInstant(row, "finished_at"),
                row.get("error", String.class));
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
