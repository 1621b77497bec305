package dev.tokenmeter.deploy.replay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The record a letter is replayed as: its key, the (fixed) value, and its own headers without the dead-letter ones. */
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
        // No timestamp: the record reaches Kafka now, which is when ingest judges it from.
        return new ProducerRecord<>(topic, null, null, letter.key(), value, headers);
    }

    /** The headers the ingest service added when it dead-lettered the record, and a previous replay's mark. */
    static boolean deadLetterHeader(String name) {
        return name.startsWith("x-error-") || name.startsWith("x-original-") || name.equals(REPLAYED_FROM);
    }
}
