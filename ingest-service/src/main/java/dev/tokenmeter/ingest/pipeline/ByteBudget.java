package dev.tokenmeter.ingest.pipeline;

import java.util.ArrayDeque;
import java.util.Queue;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Bounds the bytes of records in the pipeline: a batch enters once its bytes fit beside those in
 * flight, and gives them back when its offsets are committed. A batch larger than the whole budget
 * still enters when nothing else is in flight, so no batch waits forever.
 */
final class ByteBudget {

    private record Waiter(long bytes, MonoSink<Void> sink) {
    }

    private final long capacity;
    private final Queue<Waiter> waiting = new ArrayDeque<>();
    private long used;

    ByteBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Completes when {@code bytes} more fit; waiters enter in arrival order. */
    Mono<Void> acquire(long bytes) {
        return Mono.create(sink -> {
            boolean enter;
            synchronized (this) {
                enter = waiting.isEmpty() && fits(bytes);
                if (enter) {
                    used += bytes;
                } else {
                    waiting.add(new Waiter(bytes, sink));
                }
            }
            if (enter) {
                sink.success();
            }
        });
    }

    /** Gives back the bytes of a batch that is done (committed, or abandoned on stop). */
    void release(long bytes) {
        Queue<Waiter> admitted = new ArrayDeque<>();
        synchronized (this) {
            used -= bytes;
            while (!waiting.isEmpty() && fits(waiting.peek().bytes())) {
                Waiter next = waiting.poll();
                used += next.bytes();
                admitted.add(next);
            }
        }
        admitted.forEach(waiter -> waiter.sink().success());
    }

    synchronized long used() {
        return used;
    }

    private boolean fits(long bytes) {
        return used == 0 || used + bytes <= capacity;
    }
}
