package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.ingest.kafka.RecordBatch;
import dev.tokenmeter.ingest.pricing.TenantPrices;
import dev.tokenmeter.ingest.store.EventStore;
import dev.tokenmeter.ingest.store.PricedEvent;
import dev.tokenmeter.ingest.store.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Handles one batch end to end: validate and price every record, dead-letter the invalid ones,
 * store the valid ones in one transaction, and only then commit the offsets. Each step retries
 * transient failures (database or broker down) with backoff and never gives up, so a record's
 * offset is never committed before the record is stored or dead-lettered.
 */
@Component
class BatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
    private static final byte[] EMPTY = new byte[0];

    private final EventReader reader;
    private final TenantPrices prices;
    private final EventStore store;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final IngestSettings settings;
    private final Clock clock;
    private final @Nullable AfterStoreHook afterStore;

    BatchProcessor(EventReader reader, TenantPrices prices, EventStore store, DeadLetters deadLetters,
                   IngestMetrics metrics, IngestSettings settings, Clock clock, ObjectProvider<AfterStoreHook> afterStore) {
        this.reader = reader;
        this.prices = prices;
        this.store = store;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.afterStore = afterStore.getIfAvailable();
    }

    /**
     * A batch validated and priced, ready to store: {@link #prepare} runs on a worker thread while
     * earlier batches are written; {@link #write} stores it, {@link #commit} then commits in order.
     */
    record Prepared(RecordBatch batch, List<PricedEvent> valid, List<Invalid> invalid, long started) {
    }

    Mono<Prepared> prepare(RecordBatch batch) {
        long started = System.nanoTime();
        // Tenants' prices must be loaded before the first event is priced.
        return prices.ready().then(Mono.fromCallable(() -> {
            Sorted sorted = sort(batch.records());
            return new Prepared(batch, sorted.valid(), sorted.invalid(), started);
        }).subscribeOn(Schedulers.parallel()));
    }

    /** A batch whose events are stored (or dead-lettered), waiting for its offsets to be committed. */
    record Written(Prepared prepared, WriteResult result) {
    }

    /** Dead-letters the invalid records and stores the valid events; batches may be written concurrently. */
    Mono<Written> write(Prepared prepared) {
        return deadLetter(prepared.invalid())
                .then(Mono.defer(() -> store(prepared.valid())))
                .map(result -> new Written(prepared, result));
    }

    /** Commits a written batch's offsets; batches are committed one after another, in order. */
    Mono<WriteResult> commit(Written written) {
        Prepared prepared = written.prepared();
        RecordBatch batch = prepared.batch();
        return Mono.just(written.result())
                .delayUntil(stored -> afterStore == null ? Mono.empty() : afterStore.afterStore())
                .delayUntil(stored -> batch.commit())
                .doOnNext(stored -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - prepared.started());
                    metrics.batch(batch.records().size(), took);
                    log.debug("Batch of {} records: {} stored, {} duplicates, {} dead-lettered in {} ms",
                            batch.records().size(), stored.persisted(), stored.duplicates(), prepared.invalid().size(), took.toMillis());
                });
    }

    record Invalid(ConsumerRecord<byte[], byte[]> record, ParseResult.Invalid result) {
    }

    private record Sorted(List<PricedEvent> valid, List<Invalid> invalid) {
    }

    private Sorted sort(List<ConsumerRecord<byte[], byte[]>> records) {
        List<PricedEvent> valid = new ArrayList<>(records.size());
        List<Invalid> invalid = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParseResult result = reader.read(record.value() == null ? EMPTY : record.value());
            if (result instanceof ParseResult.Valid ok) {
                valid.add(PricedEvent.of(ok.event(), prices.cost(ok.event())));
            } else {
                invalid.add(new Invalid(record, (ParseResult.Invalid) result));
            }
        }
        return new Sorted(valid, invalid);
    }

    private Mono<Void> deadLetter(List<Invalid> invalid) {
        return Flux.fromIterable(invalid)
                .concatMap(letter -> deadLetters.send(letter.record(), letter.result())
                        .retryWhen(transientFailures("dead-letter send"))
                        .doOnSuccess(sent -> metrics.deadLettered(letter.result().reason())))
                .then();
    }

    private Mono<WriteResult> store(List<PricedEvent> valid) {
        return Mono.defer(() -> store.write(valid))
                .timeout(settings.writeTimeout())
                .retryWhen(transientFailures("batch write"))
                .doOnNext(result -> metrics.stored(result,
                        valid.stream().map(event -> event.event().time()).toList(), clock.instant()))
                .doOnNext(result -> metrics.unpriced(valid.stream().filter(event -> !event.cost().priced()).count()));
    }

    private RetryBackoffSpec transientFailures(String step) {
        return Retry.backoff(Long.MAX_VALUE, settings.retryMinBackoff())
                .maxBackoff(settings.retryMaxBackoff())
                .doBeforeRetry(signal -> log.warn("{} failed (attempt {}), retrying: {}",
                        step, signal.totalRetries() + 1, signal.failure().toString()));
    }
}
