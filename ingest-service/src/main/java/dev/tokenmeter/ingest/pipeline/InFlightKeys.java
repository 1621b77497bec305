package dev.tokenmeter.ingest.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The event keys (tenant, id) of the batches being written, so that with several writers a batch
 * never claims a key an earlier batch in flight holds: PostgreSQL would make its claim wait for
 * that batch's whole transaction (its uncommitted dedup key). A batch registers its keys when its
 * write starts (writes start in pipeline order), writes the events no earlier batch holds at once,
 * and the others only after those batches are done, through the ordinary claim (which then sees
 * them committed, or not at all if the earlier batch failed). Earlier batches never wait for later
 * ones, so this cannot deadlock.
 */
final class InFlightKeys {

    record Key(String tenant, String id) {
    }

    /** One batch's keys, and what completes when its write is over (stored, given up or cancelled). */
    private record Entry(Set<Key> keys, Sinks.Empty<Void> done) {
    }

    /** What a batch found when it registered: the keys earlier batches hold, and what to wait for before writing them. */
    record Claim(Set<Key> held, Mono<Void> earlierDone, Runnable release) {
    }

    private final List<Entry> inFlight = new ArrayList<>();

    /** Registers a batch's keys; call {@link Claim#release} once its write is over, whatever the outcome. */
    synchronized Claim register(Set<Key> keys) {
        Set<Key> held = new HashSet<>();
        List<Mono<Void>> waitFor = new ArrayList<>();
        for (Entry earlier : inFlight) {
            boolean overlaps = false;
            for (Key key : keys) {
                if (earlier.keys().contains(key)) {
                    held.add(key);
                    overlaps = true;
                }
            }
            if (overlaps) {
                waitFor.add(earlier.done().asMono());
            }
        }
        Entry entry = new Entry(keys, Sinks.empty());
        inFlight.add(entry);
        Runnable release = () -> {
            synchronized (this) {
                inFlight.remove(entry);
            }
            entry.done().tryEmitEmpty();
        };
        return new Claim(held, Mono.when(waitFor), release);
    }

    synchronized int batchesInFlight() {
        return inFlight.size();
    }
}
