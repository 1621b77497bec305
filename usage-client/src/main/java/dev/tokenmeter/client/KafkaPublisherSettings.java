package dev.tokenmeter.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How {@link KafkaUsagePublisher} talks to Kafka. Start from {@link #of} and change what you need
 * with the {@code with...} methods.
 *
 * @param bootstrapServers the brokers, e.g. {@code kafka-1:9092,kafka-2:9092}
 * @param topic            the usage event topic (the contract's {@code usage-events})
 * @param clientId         names this producer in broker logs and metrics
 * @param bufferBytes      memory for events not yet acknowledged ({@code buffer.memory}, 32 MiB)
 * @param maxBlock         how long {@code publish} may wait when the buffer is full, or for the
 *                         topic's metadata on the first send ({@code max.block.ms}, 2 s); then its
 *                         future fails with {@link BufferFullException}
 * @param linger           how long a batch waits for more events ({@code linger.ms}, 5 ms)
 * @param batchBytes       the largest batch per partition ({@code batch.size}, 64 KiB)
 * @param requestTimeout   how long to wait for one produce answer before retrying it
 *                         ({@code request.timeout.ms}, 30 s)
 * @param deliveryTimeout  how long an event may take to be acknowledged, retries included
 *                         ({@code delivery.timeout.ms}, 2 min); then its future fails
 * @param compression      {@code lz4} (default), {@code zstd}, {@code gzip}, {@code snappy} or {@code none}
 * @param properties       further producer properties (security, SASL, ...), applied last; the
 *                         idempotence settings cannot be overridden
 */
public record KafkaPublisherSettings(String bootstrapServers, String topic, String clientId, long bufferBytes,
        Duration maxBlock, Duration linger, int batchBytes, Duration requestTimeout,
        Duration deliveryTimeout, String compression, Map<String, String> properties) {

    public static final String DEFAULT_TOPIC = "usage-events";

    public KafkaPublisherSettings {
        properties = Map.copyOf(properties);
        if (deliveryTimeout.compareTo(linger.plus(requestTimeout)) < 0) {
            throw new IllegalArgumentException("deliveryTimeout must be at least linger + requestTimeout");
        }
    }

    public static KafkaPublisherSettings of(String bootstrapServers) {
        return new KafkaPublisherSettings(bootstrapServers, DEFAULT_TOPIC, "tokenmeter-usage-publisher",
                32L * 1024 * 1024, Duration.ofSeconds(2), Duration.ofMillis(5), 64 * 1024,
                Duration.ofSeconds(30), Duration.ofMinutes(2), "lz4", Map.of());
    }

    public KafkaPublisherSettings withTopic(String topic) {
        return with(draft -> draft.topic = topic);
    }

    public KafkaPublisherSettings withClientId(String clientId) {
        return with(draft -> draft.clientId = clientId);
    }

    public KafkaPublisherSettings withBuffer(long bufferBytes, Duration maxBlock) {
        return with(draft -> {
            draft.bufferBytes = bufferBytes;
            draft.maxBlock = maxBlock;
        });
    }

    public KafkaPublisherSettings withBatching(Duration linger, int batchBytes) {
        return with(draft -> {
            draft.linger = linger;
            draft.batchBytes = batchBytes;
        });
    }

    public KafkaPublisherSettings withTimeouts(Duration requestTimeout, Duration deliveryTimeout) {
        return with(draft -> {
            draft.requestTimeout = requestTimeout;
            draft.deliveryTimeout = deliveryTimeout;
        });
    }

    public KafkaPublisherSettings withCompression(String compression) {
        return with(draft -> draft.compression = compression);
    }

    public KafkaPublisherSettings withProperty(String name, String value) {
        return with(draft -> draft.properties.put(name, value));
    }

    /** A copy with the changes made to a draft: the components' order is written in one place, not in every wither. */
    private KafkaPublisherSettings with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return new KafkaPublisherSettings(draft.bootstrapServers, draft.topic, draft.clientId, draft.bufferBytes, draft.maxBlock,
                draft.linger, draft.batchBytes, draft.requestTimeout, draft.deliveryTimeout, draft.compression, draft.properties);
    }

    /** The components as mutable fields, for {@link #with}. */
    private static final class Draft {
        String bootstrapServers;
        String topic;
        String clientId;
        long bufferBytes;
        Duration maxBlock;
        Duration linger;
        int batchBytes;
        Duration requestTimeout;
        Duration deliveryTimeout;
        String compression;
        final Map<String, String> properties;

        Draft(KafkaPublisherSettings settings) {
            bootstrapServers = settings.bootstrapServers;
            topic = settings.topic;
            clientId = settings.clientId;
            bufferBytes = settings.bufferBytes;
            maxBlock = settings.maxBlock;
            linger = settings.linger;
            batchBytes = settings.batchBytes;
            requestTimeout = settings.requestTimeout;
            deliveryTimeout = settings.deliveryTimeout;
            compression = settings.compression;
            properties = new HashMap<>(settings.properties);
        }
    }
}
