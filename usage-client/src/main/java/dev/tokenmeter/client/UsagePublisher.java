package dev.tokenmeter.client;

import dev.tokenmeter.event.UsageEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends usage events to Tokenmeter, one per metered call. Thread-safe; create one per process and
 * close it on shutdown.
 *
 * <p>Delivery is at-least-once: a publisher retries until the event is accepted or its delivery
 * timeout passes, and may send an event twice. Tokenmeter counts each {@code (tenant, id)} once,
 * so re-publishing an event with the same id after a failure is always safe.
 *
 * <p>Every event is checked against the contract before it is sent; an invalid one is never sent
 * and its future fails with {@link InvalidEventException}.
 */
public interface UsagePublisher extends AutoCloseable {

    /**
     * Queues the event for sending. Returns at once, unless the publisher's bounded buffer is
     * full: then it waits up to the configured {@code maxBlock} for room, and fails the future with
     * {@link BufferFullException} when there is none. Events are never dropped silently.
     *
     * @return completes when Tokenmeter has durably accepted the event (Kafka: every in-sync
     *         replica acknowledged it; HTTP: the ingest service answered that it was accepted);
     *         fails with {@link InvalidEventException} for an event that breaks the contract,
     *         {@link BufferFullException}, or {@link PublishException} when the delivery timeout
     *         passed without an acknowledgement
     */
    CompletableFuture<Void> publish(UsageEvent event);

    /** {@link #publish} for each event; completes when all are accepted, fails when any failed. */
    default CompletableFuture<Void> publishAll(List<UsageEvent> events) {
        return CompletableFuture.allOf(events.stream().map(this::publish).toArray(CompletableFuture[]::new));
    }

    /** Sends everything queued so far and waits until each of those events is accepted or failed. */
    void flush();

    /**
     * Stops accepting events, sends what is queued (waiting at most the delivery timeout), and
     * releases connections and threads. Futures of events still unsent after that fail.
     */
    @Override
    void close();
}
