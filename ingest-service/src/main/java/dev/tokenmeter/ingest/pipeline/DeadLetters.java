package dev.tokenmeter.ingest.pipeline;

import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.ingest.KafkaSettings;
import dev.tokenmeter.ingest.kafka.KafkaPublisher;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends an invalid record, unchanged, to the dead-letter topic with headers saying why and where
 * it came from. Completes only when the broker acknowledged it.
 */
@Component
class DeadLetters {

    static final int MAX_DETAIL_CHARS = 2000;

    private final KafkaPublisher publisher;
    private final String topic;

    DeadLetters(KafkaPublisher publisher, KafkaSettings settings) {
        this.publisher = publisher;
        this.topic = settings.deadLetterTopic();
    }

    Mono<Void> send(ConsumerRecord<byte[], byte[]> record, ParseResult.Invalid invalid) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
        Headers headers = letter.headers();
        header(headers, "x-error-reason", invalid.reason().code());
        header(headers, "x-error-detail", truncate(invalid.detail()));
        header(headers, "x-original-topic", record.topic());
        header(headers, "x-original-partition", Integer.toString(record.partition()));
        header(headers, "x-original-offset", Long.toString(record.offset()));
        return publisher.send(letter).then();
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS) + "…";
    }
}
