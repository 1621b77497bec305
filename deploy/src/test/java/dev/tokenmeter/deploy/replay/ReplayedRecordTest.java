package dev.tokenmeter.deploy.replay;

import static dev.tokenmeter.deploy.replay.Letters.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplayedRecordTest {

    @Test
    void aReplayKeepsTheKeyTheTimestampAndTheRecordsOwnHeadersDropsTheDeadLetterOnesAndSaysWhereItCameFrom() {
        RecordHeaders headers = Letters.headers("too_old", 41);
        headers.add("traceparent", bytes("00-abc-def-01"));
        headers.add("x-replayed-from", bytes("usage-events.dlq-1@3"));
        Letter letter = new Letter("usage-events.dlq", 2, 17, Instant.parse("2026-12-01T10:00:00.123Z"), bytes("acme"), bytes("{}"),
                headers);

        ProducerRecord<byte[], byte[]> record = ReplayedRecord.of(letter, bytes("{\"fixed\":true}"), "usage-events");

        assertThat(record.topic()).isEqualTo("usage-events");
        assertThat(record.partition()).isNull();
        assertThat(record.timestamp()).isEqualTo(Instant.parse("2026-12-01T10:00:00.123Z").toEpochMilli());
        assertThat(record.key()).isEqualTo(bytes("acme"));
        assertThat(record.value()).isEqualTo(bytes("{\"fixed\":true}"));
        assertThat(StreamSupport.stream(record.headers().spliterator(), false)
                .map(header -> header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8)))
                .containsExactly("traceparent=00-abc-def-01", "x-replayed-from=usage-events.dlq-2@17");
    }
}
