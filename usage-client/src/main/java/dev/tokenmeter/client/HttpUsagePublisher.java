package dev.tokenmeter.client;

import dev.tokenmeter.event.UsageEvent;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Publishes events to the ingest service's {@code POST /api/v1/events}, for services that cannot
 * reach Kafka. One sender thread takes queued events in order, batches them (up to
 * {@code maxBatchEvents}, {@code maxBatchBytes}, waiting at most {@code linger}) and sends one
 * batch at a time:
 * <ul>
 *   <li>202: every event of the batch is accepted (ingest answers only once Kafka acknowledged);</li>
 *   <li>400 with per-item errors: those events fail with {@link InvalidEventException} naming every
 *       violation, the others are accepted; nothing is retried;</li>
 *   <li>connection errors, timeouts, 408, 429 and 5xx: the same batch is sent again after an
 *       exponential backoff with jitter (honouring {@code Retry-After}), until
 *       {@code deliveryTimeout}; a re-sent event is counted once, as its id is unchanged;</li>
 *   <li>401, 403 and other answers: the batch fails without retry.</li>
 * </ul>
 * Buffer: at most {@code bufferEvents} events wait to be sent; when full, {@link #publish} waits
 * up to {@code maxBlock} and then fails the event with {@link BufferFullException}.
 */
public final class HttpUsagePublisher extends CheckedPublisher {

    private final HttpPublisherSettings settings;
    private final BlockingQueue<Pending> queue;
    private final IngestCall ingest;
    private final Thread sender;
    private final CountDownLatch abort = new CountDownLatch(1);
    private @Nullable Pending carried; // sender thread only: the event that did not fit the last batch

    /** An event waiting to be sent, or (json == null) a flush marker. */
    record Pending(@Nullable UsageEvent event, byte @Nullable [] json, CompletableFuture<Void> done) {
    }

    private HttpUsagePublisher(HttpPublisherSettings settings, HttpClient http) {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.bufferEvents());
        this.ingest = new IngestCall(settings, http, abort);
        this.sender = new Thread(this::sendLoop, "tokenmeter-http-publisher");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    public static HttpUsagePublisher create(HttpPublisherSettings settings) {
        return new HttpUsagePublisher(settings, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build());
    }

    @Override
    void send(UsageEvent event, byte[] json, CompletableFuture<Void> accepted) {
        try {
            Pending pending = new Pending(event, json, accepted);
            if (!queue.offer(pending, settings.maxBlock().toNanos(), TimeUnit.NANOSECONDS)) {
                accepted.completeExceptionally(new BufferFullException("The publish buffer (" + settings.bufferEvents()
                        + " events) stayed full for " + settings.maxBlock().toMillis() + " ms: the ingest service at "
                        + settings.ingestUrl() + " is unreachable or slower than the publishing rate. Event '"
                        + event.id() + "' was not sent."));
            } else if (!sender.isAlive() && queue.remove(pending)) {
                // close() finished between the check above and the offer: nobody would send it
                accepted.completeExceptionally(new PublishException("The publisher is closed"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            accepted.completeExceptionally(new PublishException("Interrupted while waiting for room in the buffer", e));
        }
    }

    /** Waits until every event queued before this call is accepted or failed (events are sent in order). */
    @Override
    public void flush() {
        if (!sender.isAlive()) {
            return;
        }
        CompletableFuture<Void> marker = new CompletableFuture<>();
        try {
            queue.put(new Pending(null, null, marker));
            while (!marker.isDone() && sender.isAlive()) {
                try {
                    marker.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still sending; look again whether the sender is alive
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a flush marker never fails", e);
        }
    }

    @Override
    public void close() {
        refuseNewEvents();
        // Wakes a sender lingering for more events, so the last batch leaves now.
        queue.offer(new Pending(null, null, new CompletableFuture<>()));
        try {
            sender.join(settings.deliveryTimeout().toMillis() + settings.linger().toMillis());
            abort.countDown(); // stops the retries of a batch still in flight
            sender.join(settings.requestTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort.countDown();
        }
        for (Pending pending = queue.poll(); pending != null; pending = queue.poll()) {
            pending.done().completeExceptionally(new PublishException("The publisher closed before the event was sent"));
        }
    }

    private void sendLoop() {
        try {
            while (abort.getCount() > 0) {
                Pending first = next(100_000_000L);
                if (first == null) {
                    if (closed() && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                if (first.json() == null) {
                    first.done().complete(null); // a flush marker: everything before it is settled
                    continue;
                }
                ingest.deliver(batchStartingWith(first));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Pending unsent = carried;
            if (unsent != null) {
                unsent.done().completeExceptionally(new PublishException("The publisher closed before the event was sent"));
            }
        }
    }

    private List<Pending> batchStartingWith(Pending first) throws InterruptedException {
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        long bytes = 2 + java.util.Objects.requireNonNull(first.json(), "a queued event has its JSON").length;
        long deadline = System.nanoTime() + settings.linger().toNanos();
        while (batch.size() < settings.maxBatchEvents()) {
            Pending next = next(closed() ? 0 : deadline - System.nanoTime());
            if (next == null) {
                break;
            }
            if (next.json() == null || bytes + 1 + next.json().length > settings.maxBatchBytes()) {
                carried = next; // a flush marker ends the batch; an event that does not fit starts the next
                break;
            }
            batch.add(next);
            bytes += 1 + next.json().length;
        }
        return batch;
    }

    private @Nullable Pending next(long timeoutNanos) throws InterruptedException {
        Pending pending = carried;
        if (pending != null) {
            carried = null;
            return pending;
        }
        return timeoutNanos > 0 ? queue.poll(timeoutNanos, TimeUnit.NANOSECONDS) : queue.poll();
    }
}
