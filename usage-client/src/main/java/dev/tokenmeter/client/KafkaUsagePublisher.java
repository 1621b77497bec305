package dev.tokenmeter.client;

import dev.tokenmeter.event.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes events straight to the usage topic with an idempotent producer ({@code acks=all},
 * {@code enable.idempotence=true}): the broker drops the duplicates its own retries would create,
 * and an event counts as delivered only when every in-sync replica has it. The record key is the
 * tenant, as the contract recommends; the value is the event's canonical JSON.
 *
 * <p>Batching: events wait up to {@code linger} to share a request. Buffer: unacknowledged events
 * take at most {@code bufferBytes}; when that is full, {@link #publish} waits up to
 * {@code maxBlock} and then fails the event with {@link BufferFullException} — the caller's
 * thread is never held longer, and nothing is dropped without a failed future to show it.
 */
public final class KafkaUsagePublisher extends CheckedPublisher {

    private final Producer<byte[], byte[]> producer;
    private final KafkaPublisherSettings settings;

    private KafkaUsagePublisher(KafkaPublisherSettings settings) {
        this.settings = settings;
        this.producer = new KafkaProducer<>(producerConfig(settings), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static KafkaUsagePublisher create(KafkaPublisherSettings settings) {
        return new KafkaUsagePublisher(settings);
    }

    static Map<String, Object> producerConfig(KafkaPublisherSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, settings.bufferBytes());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchBytes());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        config.putAll(settings.properties());
        // Not overridable: without them a retry after a lost acknowledgement writes a duplicate
        // record, and an acknowledgement could come before the event is replicated.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        return config;
    }

    @Override
    void send(UsageEvent event, byte[] json, CompletableFuture<Void> acknowledged) {
        try {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(settings.topic(),
                    event.tenant().getBytes(StandardCharsets.UTF_8), json);
            // Buffer-full and metadata timeouts arrive here too, through the callback.
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure(event, error));
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e instanceof PublishException ? e : failure(event, e));
        }
    }

    private PublishException failure(UsageEvent event, Throwable error) {
        if (error instanceof BufferExhaustedException) {
            return new BufferFullException("The publish buffer (" + settings.bufferBytes() + " bytes) stayed full for "
                    + settings.maxBlock().toMillis() + " ms: Kafka at " + settings.bootstrapServers()
                    + " is unreachable or slower than the publishing rate. Event '" + event.id() + "' was not sent.", error);
        }
        return new PublishException("Kafka did not acknowledge event '" + event.id() + "': " + error.getMessage(), error);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    /** The producer's own metrics (retries, errors, batch sizes, ...), e.g. for a metrics registry. */
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    @Override
    public void close() {
        refuseNewEvents();
        producer.close(settings.deliveryTimeout());
    }
}
