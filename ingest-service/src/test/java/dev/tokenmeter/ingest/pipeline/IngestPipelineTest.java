package dev.tokenmeter.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.tokenmeter.ingest.kafka.ReactorKafkaSource;
import dev.tokenmeter.ingest.kafka.RecordBatch;
import dev.tokenmeter.ingest.store.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The pipeline's ordering guarantees, with the batch steps replaced by timed stand-ins. */
class IngestPipelineTest {

    final ReactorKafkaSource source = mock(ReactorKafkaSource.class);
    final BatchProcessor processor = mock(BatchProcessor.class);
    final List<String> commits = new CopyOnWriteArrayList<>();
    final IngestPipeline pipeline = new IngestPipeline(source, processor, Fixtures.SETTINGS, Fixtures.KAFKA);

    /** Stand-ins: preparing is immediate, writing batch {@code name} takes the given time, committing runs the batch's commit. */
    void writesTake(Map<String, Duration> writeTimes) {
        when(processor.prepare(any())).thenAnswer(call -> {
            RecordBatch batch = call.getArgument(0);
            return Mono.just(new BatchProcessor.Prepared(batch, List.of(), List.of(), 0, 0));
        });
        when(processor.write(any())).thenAnswer(call -> {
            BatchProcessor.Prepared prepared = call.getArgument(0);
            String name = nameOf(prepared.batch());
            return Mono.delay(writeTimes.get(name)).thenReturn(new BatchProcessor.Written(prepared, WriteResult.NONE, 0));
        });
        when(processor.commit(any())).thenAnswer(call -> {
            BatchProcessor.Written written = call.getArgument(0);
            return written.prepared().batch().commit().thenReturn(WriteResult.NONE);
        });
    }

    @Test
    void aLaterBatchWrittenFirstIsStillCommittedAfterTheEarlierOne() {
        writesTake(Map.of("b1", Duration.ofSeconds(3), "b2", Duration.ofMillis(10), "b3", Duration.ofSeconds(1)));
        when(source.batches()).thenReturn(Flux.just(batch("b1"), batch("b2"), batch("b3")));

        StepVerifier.withVirtualTime(pipeline::run)
                .thenAwait(Duration.ofMillis(500))
                .then(() -> assertThat(commits).as("b2 is written but waits for b1").isEmpty())
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(3)
                .verifyComplete();

        assertThat(commits).containsExactly("b1", "b2", "b3");
    }

    @Test
    void aFailedWriteStopsTheCommitsOfEveryLaterBatch() {
        writesTake(Map.of("b1", Duration.ofMillis(10), "b3", Duration.ofMillis(10)));
        doAnswer(call -> {
            BatchProcessor.Prepared prepared = call.getArgument(0);
            String name = nameOf(prepared.batch());
            return name.equals("b2")
                    ? Mono.delay(Duration.ofSeconds(1)).then(Mono.error(new IllegalStateException("consumer closed")))
                    : Mono.delay(Duration.ofMillis(10)).thenReturn(new BatchProcessor.Written(prepared, WriteResult.NONE, 0));
        }).when(processor).write(any());
        when(source.batches()).thenReturn(Flux.just(batch("b1"), batch("b2"), batch("b3")));

        StepVerifier.withVirtualTime(pipeline::run)
                .thenAwait(Duration.ofSeconds(5))
                .expectNextCount(1)
                .verifyErrorMessage("consumer closed");

        // b3 was written (deduplicated on redelivery) but never committed past b2.
        assertThat(commits).containsExactly("b1");
    }

    @Test
    void stoppingLetsTheBatchInFlightCommitAndLeavesLaterBatchesUncommitted() {
        writesTake(Map.of("b1", Duration.ofMillis(300), "b2", Duration.ofMillis(10)));
        when(source.batches()).thenReturn(Flux.concat(Mono.just(batch("b1")), Mono.delay(Duration.ofSeconds(1)).thenReturn(batch("b2"))));

        pipeline.start();
        pipeline.stop();

        assertThat(commits).as("committed when stop() returns").containsExactly("b1");
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> commits.equals(List.of("b1")));
    }

    private RecordBatch batch(String name) {
        return new RecordBatch(List.of(Fixtures.record(name.hashCode() & 0xffff, "gpt-4o-mini")),
                Mono.fromRunnable(() -> commits.add(name)));
    }

    private static String nameOf(RecordBatch batch) {
        long offset = batch.records().get(0).offset();
        return List.of("b1", "b2", "b3").stream().filter(name -> (name.hashCode() & 0xffff) == offset).findFirst().orElseThrow();
    }
}
