package dev.tokenmeter.ingest.kafka;

import dev.tokenmeter.ingest.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Broker administration: creates the usage and dead-letter topics at start-up when asked to,
 * and reports the broker's health (the {@code kafka} health component, part of readiness).
 */
@Component("kafka")
class KafkaTopics implements ReactiveHealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    private final Admin admin;

    KafkaTopics(KafkaSettings settings) throws Exception {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        if (settings.createTopics()) {
            createMissing(settings);
        }
    }

    private void createMissing(KafkaSettings settings) throws Exception {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        for (String topic : Set.of(settings.topic(), settings.deadLetterTopic())) {
            if (!existing.contains(topic)) {
                log.info("Creating Kafka topic {} with {} partitions", topic, settings.partitions());
                admin.createTopics(Set.of(new NewTopic(topic, settings.partitions(), (short) -1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromFuture(() -> admin.describeCluster().clusterId().toCompletionStage().toCompletableFuture())
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(Duration.ofSeconds(5))
                .map(clusterId -> Health.up().withDetail("clusterId", clusterId).build())
                .onErrorResume(error -> Mono.just(Health.down(error).build()));
    }

    /** Spring calls this when the context closes (an {@link AutoCloseable} bean), so the Admin client never leaks. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
