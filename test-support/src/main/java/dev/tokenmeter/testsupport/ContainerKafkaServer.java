package dev.tokenmeter.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** A single-node KRaft Kafka broker in a Docker container (Testcontainers, apache/kafka image). */
final class ContainerKafkaServer implements KafkaServer {

    private final KafkaContainer container = new KafkaContainer("apache/kafka:4.2.1")
            // Same behaviour as the embedded broker: tests create their topics explicitly.
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_NUM_PARTITIONS", "1");

    ContainerKafkaServer() {
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
