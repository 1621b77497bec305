package dev.tokenmeter.deploy.replay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record a letter is replayed as: its key, timestamp and (fixed) value, and its own headers without the
 * dead-letter ones.
 */
final class ReplayedRecord {

    static final String REPLAYED_FROM = "x-replayed-from";

    private ReplayedRecord() {
    }

    static ProducerRecord<byte[], byte[]> of(Letter letter, byte[] value, String topic) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!deadLetterHeader(header.key())) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, letter.coordinates().getBytes(StandardCharsets.UTF_8));
        // The letter's timestamp (when it was dead-lettered, soon after the event first reached Kafka): ingest judges
        // too_old from a record's timestamp (within its backlog grace), so a replay is judged as the first delivery was.
        return new ProducerRecord<>(topic, null, letter.time().toEpochMilli(), letter.key(), value, headers);
    }

    /** The headers the ingest service added when it dead-lettered the record, and a previous replay's mark. */
    static boolean deadLetterHeader(String name) {
        return name.startsWith("x-error-") || name.startsWith("x-original-") || name.equals(REPLAYED_FROM);
    }
}
