package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.ingest.KafkaSettings;
import dev.tokenmeter.ingest.kafka.KafkaPublisher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends a refused record, unchanged, to the dead-letter topic with headers saying why and where
 * it came from. Completes only when the broker acknowledged it. A letter the broker can never
 * take (record and headers over the producer's or topic's size limit) is replaced by a truncated
 * letter: the first {@value #TRUNCATED_VALUE_BYTES} bytes of the value, the {@code x-error-*} and
 * {@code x-original-*} headers, and {@code x-error-truncated} with the original value's size.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final int MAX_DETAIL_CHARS = 2000;
    static final int TRUNCATED_VALUE_BYTES = 1024;

    private final KafkaPublisher publisher;
    private final String topic;

    DeadLetters(KafkaPublisher publisher, KafkaSettings settings) {
        this.publisher = publisher;
        this.topic = settings.deadLetterTopic();
    }

    Mono<Void> send(ConsumerRecord<byte[], byte[]> record, ParseResult.Invalid invalid) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
        describe(letter.headers(), record, invalid);
        return publisher.send(letter)
                .onErrorResume(DeadLetters::neverSendable, tooLarge -> sendTruncated(record, invalid, tooLarge))
                .then();
    }

    private Mono<RecordMetadata> sendTruncated(ConsumerRecord<byte[], byte[]> record, ParseResult.Invalid invalid, Throwable refused) {
        byte[] value = record.value() == null
                ? null
                : Arrays.copyOf(record.value(), Math.min(record.value().length, TRUNCATED_VALUE_BYTES));
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<byte[], byte[]>(topic, null, (byte[]) null, value, new RecordHeaders());
        describe(letter.headers(), record, invalid);
        header(letter.headers(), "x-error-truncated", Integer.toString(record.value() == null ? 0 : record.value().length));
        log.warn("Dead letter of {}-{}@{} refused by the broker ({}); sending it truncated to {} bytes without its own headers",
                record.topic(), record.partition(), record.offset(), refused.toString(), TRUNCATED_VALUE_BYTES);
        return publisher.send(letter);
    }

    /** Refusals of the letter itself, which no retry can cure; a missing topic or a broker outage is retried instead. */
    private static boolean neverSendable(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof InvalidRecordException;
    }

    private static void describe(Headers headers, ConsumerRecord<byte[], byte[]> record, ParseResult.Invalid invalid) {
        header(headers, "x-error-reason", invalid.reason().code());
        header(headers, "x-error-detail", truncate(invalid.detail()));
        header(headers, "x-original-topic", record.topic());
        header(headers, "x-original-partition", Integer.toString(record.partition()));
        header(headers, "x-original-offset", Long.toString(record.offset()));
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS) + "…";
    }
}
