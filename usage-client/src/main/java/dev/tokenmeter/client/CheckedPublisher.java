package dev.tokenmeter.client;

import dev.tokenmeter.event.UsageEvent;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * What both publishers do alike before an event leaves: once closed they refuse it, and they check it against the
 * contract, so an invalid event is never sent and its future fails with {@link InvalidEventException}.
 */
abstract class CheckedPublisher implements UsagePublisher {

    private final EventCheck check = new EventCheck(Clock.systemUTC());
    private volatile boolean closed;

    @Override
    public final CompletableFuture<Void> publish(UsageEvent event) {
        if (closed) {
            return CompletableFuture.failedFuture(new PublishException("The publisher is closed"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            send(event, check.validJson(event), done);
        } catch (InvalidEventException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Sends a checked event: {@code json} is its canonical JSON, as the contract check read it. Completes or fails
     * {@code done}, now or later; never throws.
     */
    abstract void send(UsageEvent event, byte[] json, CompletableFuture<Void> done);

    /** From now on {@link #publish} refuses every event. */
    final void refuseNewEvents() {
        closed = true;
    }

    final boolean closed() {
        return closed;
    }
}
