package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** PostgreSQL goes away for 15 seconds while events keep arriving: ingest pauses, then catches up exactly. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithIngestHarness
class DatabaseOutageIT {

    static final IngestHarness harness = IngestHarness.of(DatabaseOutageIT.class);

    @Test
    void aFifteenSecondDatabaseOutagePausesIngestAndLosesOrDuplicatesNothing() throws Exception {
        TestEvents events = new TestEvents(7);
        AtomicInteger sent = new AtomicInteger();
        for (int i = 0; i < 2_000; i++) {
            harness.send("outage-co", events.event("outage-co", "req-" + sent.getAndIncrement()));
        }
        harness.awaitConsumed();

        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        stream.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 25; i++) {
                int n = sent.getAndIncrement();
                harness.send("outage-co", events.event("outage-co", "req-" + n));
                if (n % 7 == 0) {
                    harness.send("outage-co", events.event("outage-co", "req-" + (n - 1))); // a retried publish
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);

        Instant outageStarted = Instant.now();
        harness.infra.stopPostgres();
        // A batch stored just before the stop may still commit; after that nothing may move.
        Map<TopicPartition, Long> settled = await().pollDelay(Duration.ofSeconds(2)).until(harness::committedOffsets, o -> true);
        await().during(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(14)).pollInterval(Duration.ofMillis(250))
                .until(harness::committedOffsets, settled::equals);
        await().until(() -> Duration.between(outageStarted, Instant.now()).toSeconds() >= 15);
        harness.infra.startPostgres();

        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        stream.shutdown();
        assertThat(stream.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        harness.awaitConsumed();

        assertThat(harness.deadLetters()).as("a transient failure sends nothing to the DLQ").isEmpty();
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'outage-co'")).isEqualTo(sent.get());
        assertThat(harness.count("SELECT count(DISTINCT id) FROM usage_event WHERE tenant = 'outage-co'")).isEqualTo(sent.get());
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of("outage-co"));
        }
    }
}
