package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.Money;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.Reason;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.event.Violation;
import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.ingest.kafka.RecordBatch;
import dev.tokenmeter.ingest.pricing.TenantPrices;
import dev.tokenmeter.ingest.store.BatchSteps;
import dev.tokenmeter.ingest.store.BatchSteps.Step;
import dev.tokenmeter.ingest.store.EventStore;
import dev.tokenmeter.ingest.store.PricedEvent;
import dev.tokenmeter.ingest.store.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
 * store the valid ones in one transaction, and only then commit the offsets. Transient failures
 * (database or broker down, timeouts, deployment faults) are retried with backoff and never give
 * up, so a record's offset is never committed before the record is stored or dead-lettered. Data
 * the database refuses ({@link Failures#refusedData}) is isolated by bisecting the batch: the
 * refused records go to the dead-letter topic as {@code store_rejected}, the rest is stored.
 */
@Component
class BatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
    private static final byte[] EMPTY = new byte[0];

    private final EventReader reader;
    private final TenantPrices prices;
    private final EventStore store;
    private final @Nullable AfterStoreHook afterStore;
    private final @Nullable BeforeHeldPartHook beforeHeldPart;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final IngestSettings settings;
    private final Clock clock;
    private final BatchSteps steps;
    private final InFlightKeys inFlight = new InFlightKeys();
    /** When the last write ended (nanoTime), or 0 before the first: the writer's idle time is measured from it. */
    private volatile long lastWriteEnd;

    BatchProcessor(EventReader reader, TenantPrices prices, EventStore store, DeadLetters deadLetters,
            IngestMetrics metrics, IngestSettings settings, Clock clock, ObjectProvider<AfterStoreHook> afterStore,
            ObjectProvider<BeforeHeldPartHook> beforeHeldPart, BatchSteps steps) {
        this.reader = reader;
        this.prices = prices;
        this.store = store;
        this.afterStore = afterStore.getIfAvailable();
        this.beforeHeldPart = beforeHeldPart.getIfAvailable();
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.steps = steps;
    }

    /** A valid, priced event and the record it came from (to dead-letter it should the store refuse it). */
    record Accepted(ConsumerRecord<byte[], byte[]> record, PricedEvent event) {
    }

    /**
     * A batch validated and priced, ready to store: {@link #prepare} runs on a worker thread while
     * earlier batches are written; {@link #write} stores it, {@link #commit} then commits in order.
     * {@code started} and {@code ready} are {@link System#nanoTime()} values: when preparing began and ended.
     */
    record Prepared(RecordBatch batch, List<Accepted> valid, List<Invalid> invalid, long started, long ready) {
    }

    Mono<Prepared> prepare(RecordBatch batch) {
        long started = System.nanoTime();
        // Tenants' prices must be loaded before the first event is priced.
        return prices.ready().then(Mono.fromCallable(() -> {
            long sorting = System.nanoTime();
            Sorted sorted = sort(batch.records());
            long ready = System.nanoTime();
            steps.record(Step.PREPARE, ready - sorting);
            return new Prepared(batch, sorted.valid(), sorted.invalid(), started, ready);
        }).subscribeOn(Schedulers.parallel()));
    }

    /** A batch whose events are stored (or dead-lettered) by {@code writtenAt} (nanoTime), waiting for its offsets to be committed. */
    record Written(Prepared prepared, WriteResult result, long writtenAt) {
    }

    /** Dead-letters the invalid records and stores the valid events; batches may be written concurrently. */
    Mono<Written> write(Prepared prepared) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            steps.record(Step.WAIT_FOR_WRITER, start - prepared.ready());
            long previous = lastWriteEnd;
            if (previous != 0) {
                steps.record(Step.WRITER_IDLE, start - previous);
            }
            InFlightKeys.Claim claim = inFlight.register(keysOf(prepared.valid()));
            return deadLetter(prepared.invalid())
                    .doOnSuccess(done -> steps.record(Step.DEAD_LETTER, System.nanoTime() - start))
                    .then(Mono.defer(() -> storeAfterEarlier(prepared.valid(), claim)))
                    .doOnTerminate(claim.release())
                    .doOnCancel(claim.release())
                    .map(result -> {
                        long end = System.nanoTime();
                        lastWriteEnd = end;
                        return new Written(prepared, result, end);
                    });
        });
    }

    private static Set<InFlightKeys.Key> keysOf(List<Accepted> valid) {
        Set<InFlightKeys.Key> keys = new HashSet<>(valid.size() * 2);
        for (Accepted accepted : valid) {
            keys.add(new InFlightKeys.Key(accepted.event().event().tenant(), accepted.event().event().id()));
        }
        return keys;
    }

    /**
     * Stores the events whose keys no earlier batch in flight holds, then, once those batches are done, the others
     * (redeliveries, mostly), so that this batch's claim never waits for an earlier batch's transaction.
     */
    private Mono<WriteResult> storeAfterEarlier(List<Accepted> valid, InFlightKeys.Claim claim) {
        if (claim.held().isEmpty()) {
            return store(valid);
        }
        List<Accepted> now = new ArrayList<>(valid.size());
        List<Accepted> later = new ArrayList<>();
        for (Accepted accepted : valid) {
            InFlightKeys.Key key = new InFlightKeys.Key(accepted.event().event().tenant(), accepted.event().event().id());
            (claim.held().contains(key) ? later : now).add(accepted);
        }
        return store(now)
                .flatMap(first -> waitFor(claim.earlierDone())
                        .then(Mono.defer(() -> beforeHeldPart == null ? Mono.empty() : beforeHeldPart.beforeHeldPart(first, later.size())))
                        .then(Mono.defer(() -> store(later)))
                        .map(first::plus));
    }

    private Mono<Void> waitFor(Mono<Void> earlierDone) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return earlierDone.doOnSuccess(done -> steps.record(Step.WAIT_FOR_EARLIER, System.nanoTime() - start));
        });
    }

    /** Commits a written batch's offsets; batches are committed one after another, in order. */
    Mono<WriteResult> commit(Written written) {
        Prepared prepared = written.prepared();
        RecordBatch batch = prepared.batch();
        return Mono.defer(() -> {
            long start = System.nanoTime();
            steps.record(Step.WAIT_FOR_OFFSET_COMMIT, start - written.writtenAt());
            return Mono.just(written.result())
                    .delayUntil(stored -> afterStore == null ? Mono.empty() : afterStore.afterStore())
                    .delayUntil(stored -> batch.commit().doOnSuccess(done -> steps.record(Step.OFFSET_COMMIT, System.nanoTime() - start)))
                    .doOnNext(stored -> {
                        Duration took = Duration.ofNanos(System.nanoTime() - prepared.started());
                        metrics.batch(batch.records().size(), took);
                        log.debug("Batch of {} records: {} stored, {} duplicates, {} dead-lettered in {} ms",
                                batch.records().size(), stored.persisted(), stored.duplicates(), prepared.invalid().size(),
                                took.toMillis());
                    });
        });
    }

    record Invalid(ConsumerRecord<byte[], byte[]> record, ParseResult.Invalid result) {
    }

    private record Sorted(List<Accepted> valid, List<Invalid> invalid) {
    }

    private Sorted sort(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Accepted> valid = new ArrayList<>(records.size());
        List<Invalid> invalid = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ParseResult result = read(record);
            if (result instanceof ParseResult.Valid ok) {
                PricedEvent priced = priced(ok.event());
                if (Money.withinEventLimit(priced.cost().usd())) {
                    valid.add(new Accepted(record, priced));
                } else {
                    invalid.add(new Invalid(record, new ParseResult.Invalid(List.of(new Violation("usage", Reason.COST_OUT_OF_RANGE,
                            "costs " + priced.cost().usd().toPlainString() + " USD at " + priced.cost().reference()
                                    + ", more than one event may carry (" + Money.MAX_EVENT_COST + " USD)")))));
                }
            } else {
                invalid.add(new Invalid(record, (ParseResult.Invalid) result));
            }
        }
        return new Sorted(valid, invalid);
    }

    private ParseResult read(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value() == null ? EMPTY : record.value();
        return settings.decoding() == IngestSettings.Decoding.TREE
                ? reader.readWithTree(value, arrival(record))
                : reader.read(value, arrival(record));
    }

    private PricedEvent priced(UsageEvent event) {
        return settings.decoding() == IngestSettings.Decoding.TREE
                ? PricedEvent.ofTree(event, prices.cost(event))
                : PricedEvent.of(event, prices.cost(event));
    }

    /** When the record reached Kafka: {@code too_old} is judged from then, not from a backlog's processing time. */
    private Instant arrival(ConsumerRecord<byte[], byte[]> record) {
        return record.timestamp() == ConsumerRecord.NO_TIMESTAMP ? clock.instant() : Instant.ofEpochMilli(record.timestamp());
    }

    private Mono<Void> deadLetter(List<Invalid> invalid) {
        return Flux.fromIterable(invalid)
                .concatMap(letter -> deadLetter(letter.record(), letter.result()))
                .then();
    }

    private Mono<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, ParseResult.Invalid invalid) {
        return deadLetters.send(record, invalid)
                .retryWhen(transientFailures("dead-letter send"))
                .doOnSuccess(sent -> metrics.deadLettered(invalid.reason()));
    }

    /**
     * Stores the events; when the database refuses the data itself, stores each half on its own
     * (each in its own transaction, so nothing is stored twice) until the refused records are
     * isolated and dead-lettered.
     */
    private Mono<WriteResult> store(List<Accepted> valid) {
        return attempt(valid)
                .onErrorResume(Failures::refusedData, refused -> valid.size() == 1
                        ? reject(valid.get(0), refused)
                        : storeHalves(valid));
    }

    private Mono<WriteResult> storeHalves(List<Accepted> valid) {
        int half = valid.size() / 2;
        return store(valid.subList(0, half))
                .flatMap(first -> store(valid.subList(half, valid.size())).map(first::plus));
    }

    private Mono<WriteResult> reject(Accepted refused, Throwable failure) {
        log.warn("The database refused event {} of tenant {} ({}-{}@{}): {}; dead-lettering it as store_rejected",
                refused.event().event().id(), refused.event().event().tenant(), refused.record().topic(),
                refused.record().partition(), refused.record().offset(), Failures.describe(failure));
        ParseResult.Invalid invalid = new ParseResult.Invalid(List.of(
                new Violation("$", Reason.STORE_REJECTED, Failures.describe(failure))));
        return deadLetter(refused.record(), invalid).thenReturn(WriteResult.NONE);
    }

    private Mono<WriteResult> attempt(List<Accepted> accepted) {
        List<PricedEvent> events = accepted.stream().map(Accepted::event).toList();
        return Mono.defer(() -> store.write(events))
                .timeout(settings.writeTimeout())
                .retryWhen(transientFailures("batch write"))
                .doOnNext(result -> metrics.stored(result,
                        events.stream().map(event -> event.event().time()).toList(), clock.instant()))
                .doOnNext(result -> metrics.unpriced(events.stream().filter(event -> !event.cost().priced()).count()));
    }

    /** Retries everything but refused data, forever, with a log line and a metric per retry for operators to alert on. */
    private RetryBackoffSpec transientFailures(String step) {
        return Retry.backoff(Long.MAX_VALUE, settings.retryMinBackoff())
                .maxBackoff(settings.retryMaxBackoff())
                .filter(failure -> !Failures.refusedData(failure))
                .doBeforeRetry(signal -> {
                    metrics.retried(step, Failures.kind(signal.failure()));
                    log.warn("{} failed (attempt {}), pausing and retrying: {}",
                            step, signal.totalRetries() + 1, signal.failure().toString());
                });
    }
}
