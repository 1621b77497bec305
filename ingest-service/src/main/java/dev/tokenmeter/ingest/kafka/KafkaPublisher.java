package dev.tokenmeter.ingest.kafka;

import dev.tokenmeter.ingest.KafkaSettings;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends records with an idempotent producer and {@code acks=all}: a send completes only once
 * every in-sync replica has the record, and the producer's own retries never duplicate it.
 */
@Component
public class KafkaPublisher {

    private final KafkaProducer<byte[], byte[]> producer;

    KafkaPublisher(KafkaSettings settings) {
        Map<String, Object> props = new HashMap<>(settings.properties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Completes when the broker acknowledged the record; fails after the delivery timeout. */
    public Mono<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return Mono.<RecordMetadata>create(sink -> producer.send(record, (metadata, error) -> {
            if (error != null) {
                sink.error(error);
            } else {
                sink.success(metadata);
            }
        }))
                // send() blocks while metadata is missing or the buffer is full: keep it off event loops.
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
