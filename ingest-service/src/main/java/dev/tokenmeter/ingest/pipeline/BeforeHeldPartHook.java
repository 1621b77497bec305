package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.ingest.store.WriteResult;
import reactor.core.publisher.Mono;

/**
 * Runs between the two transactions of a batch whose events an earlier batch in flight also held: after its first
 * transaction (the other events) committed and the earlier batches are done, before the held events are stored;
 * its offsets are not committed yet. Production uses none; tests use it to kill the process exactly there and prove
 * that the redelivered batch counts nothing twice.
 */
@FunctionalInterface
public interface BeforeHeldPartHook {

    /**
     * @param firstPart what the batch's first transaction stored
     * @param held      how many of its events the second transaction will store
     */
    Mono<Void> beforeHeldPart(WriteResult firstPart, int held);
}
