package dev.tokenmeter.deploy.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/** Dead letters as the ingest service writes them, for tests. */
final class Letters {

    static final String DLQ = "usage-events.dlq";

    private Letters() {
    }

    static String event(String id, String tenant) {
        return "{\"id\":\"" + id + "\",\"tenant\":\"" + tenant + "\",\"time\":\"2026-10-01T10:00:00Z\",\"provider\":\"openai\","
                + "\"model\":\"gpt-4o-mini\",\"usage\":{\"inputTokens\":100,\"outputTokens\":20},\"costUsd\":0.000321}";
    }

    static String cloudEvent(String id, String tenant) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"dev.tokenmeter.usage.v1\",\"source\":\"test\","
                + "\"subject\":\"" + tenant + "\",\"time\":\"2026-10-01T10:00:00Z\",\"data\":{\"provider\":\"openai\",\"model\":\"m\"}}";
    }

    /** The headers {@code DeadLetters.send} adds, on top of the record's own. */
    static RecordHeaders headers(String reason, long originalOffset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("x-error-reason", bytes(reason));
        headers.add("x-error-detail", bytes("time: older than the late window"));
        headers.add("x-original-topic", bytes("usage-events"));
        headers.add("x-original-partition", bytes("0"));
        headers.add("x-original-offset", bytes(Long.toString(originalOffset)));
        return headers;
    }

    /** What {@code DeadLetters.sendTruncated} writes: no key, the value's first KiB, and its original size. */
    static RecordHeaders truncatedHeaders(String reason, int originalSize) {
        RecordHeaders headers = headers(reason, 99);
        headers.add("x-error-truncated", bytes(Integer.toString(originalSize)));
        return headers;
    }

    static byte[] truncatedValue(String tenant) {
        byte[] whole = bytes(event("big", tenant).replace("}}", "},\"tags\":{\"pad\":\"" + "x".repeat(70_000) + "\"}}"));
        return Arrays.copyOf(whole, 1024);
    }

    static Letter letter(long offset, Instant time, @Nullable String key, @Nullable String value, RecordHeaders headers) {
        return new Letter(DLQ, 0, offset, time, key == null ? null : bytes(key), value == null ? null : bytes(value), headers);
    }

    /** Every record on a topic now, read from the beginning up to the end offsets of the moment, in no particular order. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
