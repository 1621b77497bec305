package dev.tokenmeter.testsupport;

/** A running single-node Kafka cluster, whichever way it was started. */
interface KafkaServer extends AutoCloseable {

    /** The {@code bootstrap.servers} value clients connect with, such as {@code localhost:9092}. */
    String bootstrapServers();

    /** Shuts the broker down for good and releases its resources. */
    @Override
    void close();
}
