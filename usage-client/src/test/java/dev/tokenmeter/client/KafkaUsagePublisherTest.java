package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.event.Usage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaUsagePublisherTest {

    @Test
    void theProducerIsIdempotentWithAcksAllWhateverThePropertiesSay() {
        KafkaPublisherSettings settings = KafkaPublisherSettings.of("broker:9092")
                .withProperty(ProducerConfig.ACKS_CONFIG, "1")
                .withProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false")
                .withProperty("security.protocol", "SASL_SSL");

        Map<String, Object> config = KafkaUsagePublisher.producerConfig(settings);

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L * 1024 * 1024)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000L)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    @Test
    void aDeliveryTimeoutShorterThanOneRequestIsRefused() {
        assertThatThrownBy(() -> KafkaPublisherSettings.of("broker:9092")
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreachableBrokerFailsThePublishAfterMaxBlockRatherThanHanging() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaPublisherSettings settings = KafkaPublisherSettings.of("127.0.0.1:" + closedPort)
                .withBuffer(1024 * 1024, Duration.ofMillis(300));

        try (KafkaUsagePublisher publisher = KafkaUsagePublisher.create(settings)) {
            long start = System.nanoTime();
            CompletableFuture<Void> future = publisher.publish(TestEvents.event("acme", "req-1"));

            assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("req-1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anInvalidEventFailsWithoutReachingKafka() {
        try (KafkaUsagePublisher publisher = KafkaUsagePublisher.create(KafkaPublisherSettings.of("127.0.0.1:1"))) {
            CompletableFuture<Void> future = publisher.publish(new dev.tokenmeter.event.UsageEvent("bad id!", "acme",
                    java.time.Instant.now(), "openai", "gpt-4o", "chat.completions", null, null, null,
                    dev.tokenmeter.event.Status.SUCCESS, null, null, new Usage(1, 0, 0, 5, 9), null, Map.of()));

            assertThatThrownBy(future::join).cause().isInstanceOfSatisfying(InvalidEventException.class,
                    e -> assertThat(e.violations()).extracting(v -> v.field()).contains("id", "usage.reasoningTokens"));
        }
    }
}
