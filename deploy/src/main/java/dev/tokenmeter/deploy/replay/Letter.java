package dev.tokenmeter.deploy.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One record of the dead-letter topic, as the ingest service wrote it: the refused record's key and
 * value, unchanged, with {@code x-error-*} and {@code x-original-*} headers.
 *
 * @param time the letter's record timestamp: when it was dead-lettered
 */
record Letter(String topic, int partition, long offset, Instant time, byte @Nullable [] key, byte @Nullable [] value,
        Headers headers) {

    static final String REASON = "x-error-reason";
    static final String TRUNCATED = "x-error-truncated";

    static Letter of(ConsumerRecord<byte[], byte[]> record) {
        return new Letter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), record.value(), record.headers());
    }

    /** {@code usage-events.dlq-0@42}: where the letter is, as {@code x-replayed-from} and reports name it. */
    String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }

    /** The {@code x-error-reason}, or {@code unknown} for a record without one. */
    String reason() {
        String reason = header(REASON);
        return reason == null ? "unknown" : reason;
    }

    /** The original value's size in bytes when the broker refused the whole letter and it was cut; else null. */
    @Nullable
    String truncatedFrom() {
        return header(TRUNCATED);
    }

    /** The tenant the value names ({@code tenant}, or a CloudEvent's {@code subject}); null when it names none. */
    @Nullable
    String tenant() {
        if (value == null) {
            return null;
        }
        JsonNode node;
        try {
            node = FixUp.JSON.readTree(value);
        } catch (JacksonException e) {
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        JsonNode tenant = node.get(node.has("specversion") ? "subject" : "tenant");
        return tenant != null && tenant.isString() ? tenant.stringValue() : null;
    }

    @Nullable
    String header(String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
