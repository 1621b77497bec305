package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.ingest.KafkaSettings;
import dev.tokenmeter.ingest.kafka.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/** Settings and records for the pipeline's unit tests. */
final class Fixtures {

    static final IngestSettings SETTINGS = new IngestSettings(Duration.ofDays(35), Duration.ofMinutes(5), Duration.ofDays(7),
            DataSize.ofKilobytes(64), true, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(10),
            Duration.ofSeconds(5), 2, IngestSettings.RawRows.COPY, IngestSettings.Decoding.STREAMING,
            new IngestSettings.Http(DataSize.ofMegabytes(1), 1000, List.of()));
    static final KafkaSettings KAFKA = new KafkaSettings("localhost:9092", "usage-events", "usage-events.dlq", "g", false, 1,
            2000, Duration.ofMillis(20), DataSize.ofMegabytes(64), Map.of());

    private Fixtures() {
    }

    /** A record on partition 0 at {@code offset} holding a valid event of tenant t with the model. */
    static ConsumerRecord<byte[], byte[]> record(long offset, String model) {
        String json = "{\"id\":\"e" + offset + "\",\"tenant\":\"t\",\"time\":\"" + Instant.now().minusSeconds(60)
                + "\",\"provider\":\"openai\",\"model\":\"" + model + "\",\"usage\":{\"inputTokens\":10,\"outputTokens\":5}}";
        return new ConsumerRecord<>("usage-events", 0, offset, new byte[0], json.getBytes(StandardCharsets.UTF_8));
    }

    /** A batch of records whose commit appends {@code name} to {@code commits}. */
    static RecordBatch batch(String name, List<String> commits, ConsumerRecord<byte[], byte[]>... records) {
        return new RecordBatch(List.of(records), Mono.fromRunnable(() -> commits.add(name)));
    }

    static List<ConsumerRecord<byte[], byte[]>> records(int count, List<Integer> refused) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(i, refused.contains(i) ? "refused-model" : "gpt-4o-mini"));
        }
        return records;
    }
}
