package dev.tokenmeter.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.ingest.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class KafkaTopicsTest {

    static final String ADMIN_THREAD = "kafka-admin-client-thread";

    /** No broker is needed: with createTopics off the Admin client only starts its network thread. */
    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(KafkaSettings.class, () -> new KafkaSettings("localhost:1", "t", "t.dlq", "g", false, 1, 1,
                    Duration.ofMillis(20), DataSize.ofMegabytes(1), Map.of()))
            .withBean(KafkaTopics.class);

    @Test
    void closingTheContextClosesTheAdminClientAndEndsItsThread() {
        long before = adminThreads();

        context.run(running -> {
            assertThat(running).hasSingleBean(KafkaTopics.class);
            assertThat(adminThreads()).isEqualTo(before + 1);
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> adminThreads() == before);
    }

    private static long adminThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith(ADMIN_THREAD))
                .count();
    }
}
