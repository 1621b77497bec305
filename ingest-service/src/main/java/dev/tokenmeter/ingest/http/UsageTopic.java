package dev.tokenmeter.ingest.http;

import dev.tokenmeter.event.EventJson;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.ingest.KafkaSettings;
import dev.tokenmeter.ingest.kafka.KafkaPublisher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where both ingest endpoints put valid events: the usage topic, exactly as a Kafka client would publish them (the
 * tenant as the record key, the canonical JSON as its value).
 */
@Component
record UsageTopic(KafkaPublisher publisher, KafkaSettings kafka) {

    /** Completes once the broker acknowledged every event; else fails with {@link ProblemHandler.BrokerUnavailable}. */
    Mono<Void> publishAll(List<UsageEvent> events) {
        return Flux.fromIterable(events)
                .flatMapSequential(this::publish)
                .onErrorMap(e -> !(e instanceof IngestProblem), ProblemHandler.BrokerUnavailable::new)
                .then();
    }

    private Mono<?> publish(UsageEvent event) {
        return publisher
                .send(new ProducerRecord<>(kafka.topic(), event.tenant().getBytes(StandardCharsets.UTF_8), EventJson.toBytes(event)));
    }
}
