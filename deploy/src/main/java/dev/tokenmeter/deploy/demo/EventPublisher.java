package dev.tokenmeter.deploy.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Publishes events the way a client of Tokenmeter does: JSON values keyed by tenant, acknowledged
 * by all in-sync replicas, idempotent (a retried send is not duplicated in the log).
 */
final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<@Nullable Exception> failure = new AtomicReference<>();

    EventPublisher(String bootstrap, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "tokenmeter-demo",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends asynchronously; blocks only while the producer's buffer is full. */
    void publish(DemoEvent event) {
        producer.send(new ProducerRecord<>(topic, event.tenant(), event.toJson()), (metadata, error) -> {
            if (error == null) {
                acknowledged.incrementAndGet();
            } else {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every event sent so far is acknowledged or failed. */
    void flush() {
        producer.flush();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    /** The first failed send, if any: after the producer's own retries, so the broker is really unreachable. */
    @Nullable
    Exception failure() {
        return failure.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
