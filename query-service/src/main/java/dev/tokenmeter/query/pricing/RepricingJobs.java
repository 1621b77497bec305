package dev.tokenmeter.query.pricing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.tokenmeter.schedule.Periodic;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs re-pricing jobs in the background, one at a time per instance and per tenant across
 * instances (see {@link JobStore}): a job is claimed from {@code pricing_job} (so a restart or
 * another instance picks up what was queued; a tenant's next job waits until its running one
 * ends), then its range is re-priced UTC day by UTC day ({@link Repricer}), each day in its own
 * transaction, recording progress after each, and a heartbeat every {@code heartbeat} while it runs (so that,
 * should this instance die, a runner takes the job over once it is {@code stale-after} old). The tenant's prices
 * are read once, when the job starts: the job applies the prices in force at that moment.
 */
@Component
class RepricingJobs {

    private static final Logger log = LoggerFactory.getLogger(RepricingJobs.class);

    private final JobStore jobs;
    private final TenantOverrides overrides;
    private final Repricer repricer;
    private final RepricingSettings settings;
    private final Sinks.Many<Boolean> wakeUp = Sinks.many().multicast().directBestEffort();

    RepricingJobs(JobStore jobs, TenantOverrides overrides, Repricer repricer, RepricingSettings settings) {
        this.jobs = jobs;
        this.overrides = overrides;
        this.repricer = repricer;
        this.settings = settings;
    }

    /** Queues a job for the tenant's events in [from, to) and wakes the runner. */
    Mono<JobStore.Job> submit(String tenant, Instant from, Instant to) {
        return jobs.create(tenant, from, to, days(from, to).size())
                .doOnNext(job -> wakeUp.emitNext(Boolean.TRUE, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100))));
    }

    /** Looks for queued jobs at start, every {@code poll} and at each submit; one wake-up may wait while jobs run. */
    @Bean
    Periodic<Boolean> repricingRunner() {
        return Periodic.on("Claiming re-pricing jobs",
                () -> Flux.merge(Flux.interval(Duration.ZERO, settings.poll()).map(tick -> Boolean.TRUE), wakeUp.asFlux()), 1,
                tick -> runQueued());
    }

    /** Runs queued jobs until none is left; a failing claim (database down) is tried again at the next tick. */
    private Mono<Void> runQueued() {
        return jobs.claimNext()
                .expand(job -> run(job).then(jobs.claimNext()))
                .then();
    }

    private Mono<Void> run(JobStore.Job job) {
        String tenant = job.tenant();
        log.info("Re-pricing job {} started: {} to {}", job.id(), job.from(), job.to());
        Sinks.Empty<Void> finished = Sinks.empty();
        Mono<Void> work = overrides.of(tenant)
                .flatMapMany(prices -> Flux.fromIterable(days(job.from(), job.to()))
                        .concatMap(day -> repricer.repriceDay(tenant, day[0], day[1], prices)
                                .flatMap(result -> jobs.dayDone(job.id(), result.examined(), result.repriced()))))
                .then(Mono.defer(() -> jobs.done(job.id())))
                .doFinally(signal -> finished.tryEmitEmpty());
        return Mono.when(work, heartbeats(job).takeUntilOther(finished.asMono().thenReturn(Boolean.TRUE)))
                .doOnSuccess(done -> log.info("Re-pricing job {} done", job.id()))
                .onErrorResume(e -> {
                    log.error("Re-pricing job {} failed", job.id(), e);
                    return jobs.failed(job.id(), e.toString());
                });
    }

    /** Heartbeats of a running job, every {@code heartbeat}, endless (a failed one is logged; the next is tried). */
    private Flux<Void> heartbeats(JobStore.Job job) {
        return Flux.interval(settings.heartbeat(), settings.heartbeat())
                .onBackpressureDrop()
                .concatMap(tick -> jobs.heartbeat(job.id())
                        .onErrorResume(e -> {
                            log.warn("Heartbeat of re-pricing job {} failed: {}", job.id(), e.toString());
                            return Mono.empty();
                        }), 0);
    }

    /** The pieces of [from, to) cut at UTC midnights: each is re-priced with its day's rollups in one transaction. */
    static List<Instant[]> days(Instant from, Instant to) {
        List<Instant[]> days = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(to)) {
            Instant nextMidnight = start.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
            Instant end = nextMidnight.isBefore(to) ? nextMidnight : to;
            days.add(new Instant[] {start, end});
            start = end;
        }
        return days;
    }
}
