package dev.tokenmeter.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.Reason;
import dev.tokenmeter.event.Violation;
import dev.tokenmeter.ingest.kafka.KafkaPublisher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class DeadLettersTest {

    final KafkaPublisher publisher = mock(KafkaPublisher.class);
    final DeadLetters deadLetters = new DeadLetters(publisher, Fixtures.KAFKA);

    @Test
    void aLetterTheBrokerCanNeverTakeIsSentTruncatedWithItsReasonAndOrigin() {
        when(publisher.send(any())).thenReturn(Mono.error(new RecordTooLargeException("too large")), Mono.empty());
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("usage-events", 4, 77, "k".getBytes(StandardCharsets.UTF_8),
                "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        ParseResult.Invalid invalid = new ParseResult.Invalid(
                List.of(new Violation("$", Reason.STORE_REJECTED, "SQLSTATE 22003: overflow")));

        deadLetters.send(record, invalid).as(StepVerifier::create).verifyComplete();

        ArgumentCaptor<ProducerRecord<byte[], byte[]>> sent = ArgumentCaptor.captor();
        verify(publisher, times(2)).send(sent.capture());
        ProducerRecord<byte[], byte[]> truncated = sent.getAllValues().get(1);
        assertThat(truncated.topic()).isEqualTo("usage-events.dlq");
        assertThat(truncated.value()).hasSize(DeadLetters.TRUNCATED_VALUE_BYTES);
        assertThat(header(truncated, "x-error-reason")).isEqualTo("store_rejected");
        assertThat(header(truncated, "x-error-detail")).contains("SQLSTATE 22003");
        assertThat(header(truncated, "x-original-partition")).isEqualTo("4");
        assertThat(header(truncated, "x-original-offset")).isEqualTo("77");
        assertThat(header(truncated, "x-error-truncated")).isEqualTo("5000");
    }

    @Test
    void aBrokerOutageIsNotMistakenForAnUnsendableLetter() {
        when(publisher.send(any())).thenReturn(Mono.error(new org.apache.kafka.common.errors.TimeoutException("no broker")));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("usage-events", 0, 1, null, "{}".getBytes(StandardCharsets.UTF_8));
        ParseResult.Invalid invalid = new ParseResult.Invalid(List.of(new Violation("$", Reason.MALFORMED_JSON, "bad")));

        deadLetters.send(record, invalid).as(StepVerifier::create)
                .verifyError(org.apache.kafka.common.errors.TimeoutException.class);
        verify(publisher, times(1)).send(any());
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
