package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.ingest.KafkaSettings;
import dev.tokenmeter.ingest.kafka.ReactorKafkaSource;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs the consumer: batches are written ({@code tokenmeter.ingest.writers} at once, two by default;
 * a batch stores the keys an earlier batch in flight holds only after it, see {@link InFlightKeys})
 * and committed one after another (so
 * per-partition order holds), while the next batches are already validated and priced (at most
 * {@value #AHEAD} ahead),
 * re-subscribing with a fresh consumer after any error. Memory is bounded twice: by the number of
 * batches in flight and by their bytes ({@code tokenmeter.kafka.max-bytes-in-flight}). Stopping
 * lets the batch in flight finish and commit before the consumer closes.
 */
@Component
class IngestPipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    /** Batches validated and priced ahead of the one being written. */
    static final int AHEAD = 2;

    private final ReactorKafkaSource source;
    private final BatchProcessor processor;
    private final IngestSettings settings;
    private final long maxBytesInFlight;
    private volatile boolean stopping;
    /** One future per batch being written or committed, completed when it is done; stop() waits for them. */
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile @Nullable Disposable subscription;

    IngestPipeline(ReactorKafkaSource source, BatchProcessor processor, IngestSettings settings, KafkaSettings kafka) {
        this.source = source;
        this.processor = processor;
        this.settings = settings;
        this.maxBytesInFlight = kafka.maxBytesInFlight().toBytes();
    }

    @Override
    public void start() {
        if (!settings.consumerEnabled()) {
            log.info("Kafka consumer disabled (tokenmeter.ingest.consumer-enabled=false)");
            return;
        }
        stopping = false;
        subscription = Flux.defer(this::run)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.retryMinBackoff())
                        .maxBackoff(settings.retryMaxBackoff())
                        .transientErrors(true)
                        .doBeforeRetry(signal -> log.warn("Consumer failed, restarting it: {}", signal.failure().toString())))
                .subscribe();
    }

    /** One consumer's pipeline; its byte budget starts empty on every (re)subscription. */
    Flux<?> run() {
        ByteBudget budget = new ByteBudget(maxBytesInFlight);
        return source.batches()
                .concatMap(batch -> budget.acquire(batch.bytes()).thenReturn(batch), 0)
                .flatMapSequential(processor::prepare, AHEAD, 1)
                .flatMapSequential(this::write, settings.writers(), 1)
                .concatMap(batch -> commit(batch)
                        .doFinally(signal -> budget.release(batch.written().prepared().batch().bytes())), 1);
    }

    /** A written batch and what marks it done once its offsets are committed (or it is given up). */
    private record InFlight(BatchProcessor.Written written, Runnable done) {
    }

    private Mono<InFlight> write(BatchProcessor.Prepared batch) {
        if (stopping) {
            return Mono.empty(); // leave the batch uncommitted: it is redelivered after the restart
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight.add(done);
        Runnable finish = () -> {
            done.complete(null);
            inFlight.remove(done);
        };
        return processor.write(batch)
                .map(written -> new InFlight(written, finish))
                .doOnError(e -> finish.run())
                .doOnCancel(finish);
    }

    private Mono<?> commit(InFlight batch) {
        return processor.commit(batch.written()).doFinally(signal -> batch.done().run());
    }

    @Override
    public void stop(Runnable callback) {
        Thread stopper = new Thread(() -> {
            stop();
            callback.run();
        }, "ingest-shutdown");
        stopper.start();
    }

    @Override
    public void stop() {
        Disposable running = subscription;
        if (running == null) {
            return;
        }
        stopping = true;
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("The batches in flight did not finish within {}; they will be redelivered", settings.shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.dispose();
        subscription = null;
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
