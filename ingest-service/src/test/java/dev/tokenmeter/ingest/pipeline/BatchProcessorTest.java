package dev.tokenmeter.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tokenmeter.event.EventLimits;
import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.Reason;
import dev.tokenmeter.ingest.kafka.RecordBatch;
import dev.tokenmeter.ingest.pricing.TenantPrices;
import dev.tokenmeter.ingest.store.BatchSteps;
import dev.tokenmeter.ingest.store.EventStore;
import dev.tokenmeter.ingest.store.PricedEvent;
import dev.tokenmeter.ingest.store.WriteResult;
import dev.tokenmeter.pricing.Cost;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataIntegrityViolationException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class BatchProcessorTest {

    final TenantPrices prices = mock(TenantPrices.class);
    final EventStore store = mock(EventStore.class);
    final DeadLetters deadLetters = mock(DeadLetters.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<String> storedIds = new CopyOnWriteArrayList<>();
    final List<String> commits = new ArrayList<>();
    BatchProcessor processor;

    @BeforeEach
    void wire() {
        when(prices.ready()).thenReturn(Mono.empty());
        when(prices.cost(any())).thenReturn(new Cost(new BigDecimal("0.001"), Cost.Source.CATALOG, "gpt-4o-mini"));
        when(deadLetters.send(any(), any())).thenReturn(Mono.empty());
        processor = processor(new StaticListableBeanFactory());
    }

    /** A processor with the hooks {@code hooks} defines (none in production). */
    private BatchProcessor processor(StaticListableBeanFactory hooks) {
        return new BatchProcessor(new EventReader(EventLimits.DEFAULT, Clock.systemUTC()), prices, store, deadLetters,
                new IngestMetrics(meters), Fixtures.SETTINGS, Clock.systemUTC(), hooks.getBeanProvider(AfterStoreHook.class),
                hooks.getBeanProvider(BeforeHeldPartHook.class), new BatchSteps(meters));
    }

    @Test
    void recordsTheDatabaseRefusesAreIsolatedAndTheRestIsStoredOnce() {
        when(store.write(anyList())).thenAnswer(call -> {
            List<PricedEvent> events = call.getArgument(0);
            if (events.stream().anyMatch(event -> event.event().model().equals("refused-model"))) {
                return Mono.error(new DataIntegrityViolationException("insert failed",
                        new R2dbcDataIntegrityViolationException("new row violates check constraint", "23514")));
            }
            return Mono.fromSupplier(() -> {
                events.forEach(event -> storedIds.add(event.event().id()));
                return new WriteResult(events.size(), 0, 0);
            });
        });
        RecordBatch batch = new RecordBatch(Fixtures.records(16, List.of(3, 11, 12)), Mono.empty());

        processor.prepare(batch).flatMap(processor::write).as(StepVerifier::create)
                .assertNext(written -> assertThat(written.result().persisted()).isEqualTo(13))
                .verifyComplete();

        assertThat(storedIds).hasSize(13).doesNotHaveDuplicates().doesNotContain("e3", "e11", "e12");
        ArgumentCaptor<ConsumerRecord<byte[], byte[]>> letters = ArgumentCaptor.captor();
        ArgumentCaptor<ParseResult.Invalid> reasons = ArgumentCaptor.captor();
        verify(deadLetters, org.mockito.Mockito.times(3)).send(letters.capture(), reasons.capture());
        assertThat(letters.getAllValues()).extracting(ConsumerRecord::offset).containsExactly(3L, 11L, 12L);
        assertThat(reasons.getAllValues()).allSatisfy(invalid -> {
            assertThat(invalid.reason()).isEqualTo(Reason.STORE_REJECTED);
            assertThat(invalid.detail()).contains("SQLSTATE 23514");
        });
    }

    @Test
    void aCommittedBatchRecordsTheTimeOfEachPipelineStep() {
        when(store.write(anyList())).thenAnswer(call -> Mono.delay(Duration.ofMillis(30))
                .thenReturn(new WriteResult(call.<List<PricedEvent>>getArgument(0).size(), 0, 0)));
        RecordBatch batch = new RecordBatch(Fixtures.records(8, List.of()), Mono.delay(Duration.ofMillis(20)).then());

        processor.prepare(batch).flatMap(processor::write).flatMap(processor::commit).as(StepVerifier::create)
                .assertNext(stored -> assertThat(stored.persisted()).isEqualTo(8))
                .verifyComplete();

        for (String step : List.of("prepare", "wait-for-writer", "dead-letter", "wait-for-offset-commit", "offset-commit")) {
            assertThat(meters.find("ingest.batch.step").tag("step", step).timer().count()).as(step).isEqualTo(1);
        }
        assertThat(meters.find("ingest.batch.step").tag("step", "offset-commit").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(20);
        assertThat(meters.find("ingest.batch.step").tag("step", "writer-idle").timer().count())
                .as("no idle time before the first write").isZero();
    }

    @Test
    void aBatchStoresTheKeysAnEarlierBatchInFlightHoldsOnlyAfterThatBatchIsStored() {
        List<List<String>> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.publisher.Sinks.One<WriteResult> firstWrite = reactor.core.publisher.Sinks.one();
        when(store.write(anyList())).thenAnswer(call -> {
            List<String> ids = call.<List<PricedEvent>>getArgument(0).stream().map(event -> event.event().id()).toList();
            writes.add(ids);
            return writes.size() == 1 ? firstWrite.asMono() : Mono.just(new WriteResult(ids.size(), 0, 0));
        });
        List<ConsumerRecord<byte[], byte[]>> records = Fixtures.records(6, List.of());
        BatchProcessor.Prepared first = processor.prepare(new RecordBatch(records.subList(0, 4), Mono.empty())).block();
        BatchProcessor.Prepared second = processor.prepare(new RecordBatch(records.subList(2, 6), Mono.empty())).block();

        reactor.core.publisher.Mono<BatchProcessor.Written> writingFirst = processor.write(java.util.Objects.requireNonNull(first)).cache();
        writingFirst.subscribe();
        reactor.core.publisher.Mono<BatchProcessor.Written> writingSecond = processor.write(java.util.Objects.requireNonNull(second))
                .cache();
        writingSecond.subscribe();

        org.awaitility.Awaitility.await().until(() -> writes.size() == 2);
        assertThat(writes.get(1)).as("the second batch's keys no earlier batch holds, at once").containsExactly("e4", "e5");
        firstWrite.tryEmitValue(new WriteResult(4, 0, 0));
        writingSecond.as(StepVerifier::create)
                .assertNext(written -> assertThat(written.result().persisted()).isEqualTo(4))
                .verifyComplete();
        assertThat(writes).hasSize(3);
        assertThat(writes.get(2)).as("the held keys, after the first batch is stored").containsExactly("e2", "e3");
    }

    @Test
    void theBeforeHeldPartHookRunsAfterTheFirstTransactionAndTheEarlierBatchAndBeforeTheHeldEventsAreStored() {
        List<List<String>> writes = new CopyOnWriteArrayList<>();
        List<String> hookCalls = new CopyOnWriteArrayList<>();
        Sinks.One<WriteResult> firstWrite = Sinks.one();
        Sinks.Empty<Void> hookDone = Sinks.empty();
        when(store.write(anyList())).thenAnswer(call -> {
            List<String> ids = call.<List<PricedEvent>>getArgument(0).stream().map(event -> event.event().id()).toList();
            writes.add(ids);
            return writes.size() == 1 ? firstWrite.asMono() : Mono.just(new WriteResult(ids.size(), 0, 0));
        });
        StaticListableBeanFactory hooks = new StaticListableBeanFactory();
        hooks.addBean("parkBeforeHeldPart", (BeforeHeldPartHook) (first, held) -> Mono.fromRunnable(
                () -> hookCalls.add("stored " + first.persisted() + ", held " + held + ", after " + writes.size() + " writes"))
                .then(hookDone.asMono()));
        BatchProcessor hooked = processor(hooks);
        List<ConsumerRecord<byte[], byte[]>> records = Fixtures.records(6, List.of());
        Mono<BatchProcessor.Written> writingFirst = hooked.prepare(new RecordBatch(records.subList(0, 4), Mono.empty()))
                .flatMap(hooked::write).cache();
        writingFirst.subscribe();
        org.awaitility.Awaitility.await().until(() -> writes.size() == 1);
        Mono<BatchProcessor.Written> writingSecond = hooked.prepare(new RecordBatch(records.subList(2, 6), Mono.empty()))
                .flatMap(hooked::write).cache();
        writingSecond.subscribe();

        org.awaitility.Awaitility.await().until(() -> writes.size() == 2);
        assertThat(hookCalls).as("not before the earlier batch is done").isEmpty();
        firstWrite.tryEmitValue(new WriteResult(4, 0, 0));
        org.awaitility.Awaitility.await().until(() -> hookCalls.size() == 1);
        assertThat(hookCalls).containsExactly("stored 2, held 2, after 2 writes");
        assertThat(writes).as("the held events wait for the hook").hasSize(2);
        hookDone.tryEmitEmpty();
        writingSecond.as(StepVerifier::create)
                .assertNext(written -> assertThat(written.result().persisted()).isEqualTo(4))
                .verifyComplete();
        assertThat(writes.get(2)).containsExactly("e2", "e3");
        writingFirst.as(StepVerifier::create).expectNextCount(1).verifyComplete();
    }

    @Test
    void transientFailuresAndDeploymentFaultsPauseAndRetryWithoutDeadLettering() {
        AtomicInteger attempts = new AtomicInteger();
        List<RuntimeException> failures = List.of(
                new R2dbcTransientResourceException("connection reset", "08006"),
                new R2dbcBadGrammarException("relation \"usage_rollup_1d\" does not exist", "42P01"),
                new R2dbcNonTransientResourceException("terminating connection due to administrator command", "57P01"));
        when(store.write(anyList())).thenAnswer(call -> {
            int attempt = attempts.getAndIncrement();
            List<PricedEvent> events = call.getArgument(0);
            return attempt < failures.size() ? Mono.error(failures.get(attempt)) : Mono.just(new WriteResult(events.size(), 0, 0));
        });
        RecordBatch batch = new RecordBatch(Fixtures.records(4, List.of()), Mono.empty());

        StepVerifier.withVirtualTime(() -> processor.prepare(batch).flatMap(processor::write))
                .thenAwait(Duration.ofMinutes(1))
                .assertNext(written -> assertThat(written.result().persisted()).isEqualTo(4))
                .verifyComplete();

        assertThat(attempts).hasValue(4);
        verify(deadLetters, never()).send(any(), any());
        assertThat(meters.find("ingest.retries").tag("kind", "sqlstate_42").counter().count()).isEqualTo(1);
    }

    @Test
    void aComputedCostNoEventMayCarryIsDeadLetteredAtValidation() {
        when(prices.cost(any())).thenReturn(new Cost(new BigDecimal("1000000000000"), Cost.Source.OVERRIDE, "override:gold"));
        when(store.write(anyList())).thenReturn(Mono.just(WriteResult.NONE));

        processor.prepare(new RecordBatch(Fixtures.records(1, List.of()), Mono.empty())).as(StepVerifier::create)
                .assertNext(prepared -> {
                    assertThat(prepared.valid()).isEmpty();
                    assertThat(prepared.invalid()).singleElement()
                            .satisfies(invalid -> assertThat(invalid.result().reason()).isEqualTo(Reason.COST_OUT_OF_RANGE));
                })
                .verifyComplete();
    }
}
