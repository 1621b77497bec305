package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.ingest.kafka.ReactorKafkaSource;
import dev.tokenmeter.ingest.kafka.RecordBatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs the consumer: batches one after another (so per-partition order holds and memory is
 * bounded by one poll plus reactor-kafka's prefetch), re-subscribing with a fresh consumer after
 * any error. Stopping lets the batch in flight finish and commit before the consumer closes.
 */
@Component
class IngestPipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final ReactorKafkaSource source;
    private final BatchProcessor processor;
    private final IngestSettings settings;
    private volatile boolean stopping;
    /** Completes when the batch in flight is done; stop() waits for it. */
    private volatile CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private volatile @Nullable Disposable subscription;

    IngestPipeline(ReactorKafkaSource source, BatchProcessor processor, IngestSettings settings) {
        this.source = source;
        this.processor = processor;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (!settings.consumerEnabled()) {
            log.info("Kafka consumer disabled (tokenmeter.ingest.consumer-enabled=false)");
            return;
        }
        stopping = false;
        subscription = source.batches()
                .concatMap(this::handle)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.retryMinBackoff())
                        .maxBackoff(settings.retryMaxBackoff())
                        .transientErrors(true)
                        .doBeforeRetry(signal -> log.warn("Consumer failed, restarting it: {}", signal.failure().toString())))
                .subscribe();
    }

    private Mono<?> handle(RecordBatch batch) {
        if (stopping) {
            return Mono.empty(); // leave the batch uncommitted: it is redelivered after the restart
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight = done;
        return processor.process(batch).doFinally(signal -> done.complete(null));
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
            inFlight.get(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("The batch in flight did not finish within {}; it will be redelivered", settings.shutdownTimeout());
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
