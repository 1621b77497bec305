package dev.tokenmeter.ingest.kafka;

import dev.tokenmeter.ingest.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;

/**
 * The only class that knows reactor-kafka (discontinued upstream, so it must stay replaceable):
 * turns the usage topic into a stream of poll-sized batches with manual commits. Offsets are
 * acknowledged only when a batch's {@link RecordBatch#commit()} runs, never automatically.
 */
@Component
public class ReactorKafkaSource {

    private final ReceiverOptions<byte[], byte[]> options;

    ReactorKafkaSource(KafkaSettings settings, MeterRegistry meterRegistry) {
        Map<String, Object> props = new HashMap<>(settings.properties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // The consumer buffers up to a fetch per broker beside the batches in the pipeline: keep it a
        // fraction of the bytes in flight (Kafka's defaults would let one fetch hold 50 MB).
        int fetchBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(1024 * 1024, settings.maxBytesInFlight().toBytes() / 4));
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchBytes);
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.min(fetchBytes, 1024 * 1024));
        this.options = ReceiverOptions.<byte[], byte[]>create(props)
                .withKeyDeserializer(new ByteArrayDeserializer())
                .withValueDeserializer(new ByteArrayDeserializer())
                .consumerListener(new MicrometerConsumerListener(meterRegistry))
                // Commits run between polls: a short poll keeps the commit of a small batch from waiting.
                .pollTimeout(settings.pollTimeout())
                // A rebalance waits this long for the batches in the pipeline to commit (reactor-kafka's
                // default is a minute, a minute without ingest); what is still uncommitted then is
                // redelivered to the partition's next owner, where deduplication keeps it counted once.
                .maxDelayRebalance(Duration.ofSeconds(3))
                .subscription(List.of(settings.topic()));
    }

    /**
     * Batches of the usage topic, one per poll, until cancelled. Each subscription creates a new
     * consumer, so re-subscribing after an error resumes from the last committed offsets.
     */
    public Flux<RecordBatch> batches() {
        return Flux.defer(() -> KafkaReceiver.create(options).receiveBatch())
                // No prefetch: a poll happens only when the pipeline asks for the next batch.
                .concatMap(Flux::collectList, 0)
                .filter(records -> !records.isEmpty())
                .map(ReactorKafkaSource::toBatch);
    }

    private static RecordBatch toBatch(List<ReceiverRecord<byte[], byte[]>> records) {
        Mono<Void> commit = Mono.defer(() -> {
            records.forEach(record -> record.receiverOffset().acknowledge());
            return records.get(records.size() - 1).receiverOffset().commit();
        });
        return new RecordBatch(List.copyOf(records), commit);
    }
}
