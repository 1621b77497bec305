package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.ingest.pipeline.AfterStoreHook;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

/** Stopping the service lets the batch in flight finish and commit its offsets. */
class GracefulShutdownIT {

    static final IngestHarness harness = new IngestHarness("shutdown");

    @AfterAll
    static void close() {
        harness.close();
    }

    @Test
    void shutdownFinishesAndCommitsTheBatchInFlight() throws Exception {
        CountDownLatch batchStored = new CountDownLatch(1);
        AfterStoreHook slowBatch = () -> Mono.fromRunnable(batchStored::countDown).then(Mono.delay(Duration.ofSeconds(2))).then();
        ConfigurableApplicationContext service = new SpringApplicationBuilder(IngestApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("slowBatch", slowBatch))
                .run(arguments());

        TestEvents events = new TestEvents(9);
        for (int i = 0; i < 300; i++) {
            harness.send("shutdown-co", events.event("shutdown-co", "req-" + i));
        }
        harness.flush();
        assertThat(batchStored.await(60, TimeUnit.SECONDS)).isTrue();
        service.close(); // while the batch waits between its database commit and its offset commit

        long stored = harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'shutdown-co'");
        assertThat(stored).isPositive();
        long committed = harness.committedOffsets().values().stream().mapToLong(Long::longValue).sum();
        assertThat(committed).as("the offsets of the stored batch were committed before the consumer closed").isEqualTo(stored);
    }

    /** The harness's settings as command-line arguments, which win over application.yml. */
    private static String[] arguments() {
        List<String> properties = harness.arguments();
        properties.add("--server.port=0");
        properties.add("--management.server.port=-1"); // no actuator over HTTP: the test reads none
        return properties.toArray(String[]::new);
    }
}
