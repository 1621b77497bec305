package dev.tokenmeter.ingest.pipeline;

import reactor.core.publisher.Mono;

/**
 * Runs after a batch is durably stored and before its offsets are committed. Production uses
 * none; tests use it to crash in exactly that window and prove redelivery counts nothing twice.
 */
@FunctionalInterface
public interface AfterStoreHook {

    Mono<Void> afterStore();
}
