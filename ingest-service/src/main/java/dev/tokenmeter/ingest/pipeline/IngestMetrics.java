package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.event.Reason;
import dev.tokenmeter.ingest.store.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The ingest pipeline's meters; tag values come from bounded sets only. */
@Component
class IngestMetrics {

    private final Counter received;
    private final Counter persisted;
    private final Counter duplicate;
    private final Counter conflicting;
    private final Counter unpriced;
    private final Map<Reason, Counter> deadLettered = new EnumMap<>(Reason.class);
    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer batchLatency;
    /** In seconds: a Timer sums nanoseconds in a long, which backfilled month-old events overflow. */
    private final DistributionSummary endToEndDelay;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder("ingest.events.received").description("Records read from the usage topic").register(registry);
        persisted = Counter.builder("ingest.events.persisted").description("Events stored for the first time").register(registry);
        duplicate = Counter.builder("ingest.events.duplicate").description("Redeliveries of stored events, not counted again")
                .register(registry);
        conflicting = Counter.builder("ingest.events.conflicting").description("Duplicates whose payload differs from the stored event")
                .register(registry);
        unpriced = Counter.builder("pricing.events.unpriced")
                .description("Events stored without a price (no tenant or catalog price for the model at the event's time)")
                .register(registry);
        for (Reason reason : Reason.values()) {
            deadLettered.put(reason, Counter.builder("ingest.events.deadlettered")
                    .description("Invalid records sent to the dead-letter topic")
                    .tag("reason", reason.code())
                    .register(registry));
        }
        batchSize = DistributionSummary.builder("ingest.batch.size").baseUnit("events")
                .description("Records per batch").publishPercentileHistogram().register(registry);
        batchLatency = Timer.builder("ingest.batch.latency")
                .description("Time to validate, price, store and commit one batch").publishPercentileHistogram().register(registry);
        endToEndDelay = DistributionSummary.builder("ingest.events.delay").baseUnit("seconds")
                .description("Database commit time minus event time").publishPercentileHistogram()
                .minimumExpectedValue(0.001).maximumExpectedValue(86_400.0 * 35).register(registry);
    }

    void batch(int records, Duration took) {
        received.increment(records);
        batchSize.record(records);
        batchLatency.record(took);
    }

    /**
     * Counts a retry of a transient failure; {@code kind} is a bounded label (SQLSTATE class,
     * timeout, kafka, other). A rate above zero for minutes means ingest is paused.
     */
    void retried(String step, String kind) {
        Counter.builder("ingest.retries")
                .description("Retries of a batch step after a transient failure (ingest pauses on the batch meanwhile)")
                .tag("step", step.replace(' ', '_').replace('-', '_'))
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    void deadLettered(Reason reason) {
        java.util.Objects.requireNonNull(deadLettered.get(reason), "a counter per reason").increment();
    }

    /** Counts a written batch's unpriced events; a redelivered batch counts them again, which an alert on any increase tolerates. */
    void unpriced(long events) {
        unpriced.increment(events);
    }

    void stored(WriteResult result, List<Instant> eventTimes, Instant committedAt) {
        persisted.increment(result.persisted());
        duplicate.increment(result.duplicates());
        conflicting.increment(result.conflicting());
        for (Instant time : eventTimes) {
            endToEndDelay.record(Math.max(0, Duration.between(time, committedAt).toNanos() / 1e9));
        }
    }
}
