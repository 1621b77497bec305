package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.client.provider.Fixtures;
import dev.tokenmeter.client.provider.ProviderUsage;
import dev.tokenmeter.client.stack.Stack;
import dev.tokenmeter.client.stack.StackExtension;
import dev.tokenmeter.client.stack.TcpProxy;
import dev.tokenmeter.event.Reason;
import dev.tokenmeter.event.UsageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The Java publisher against the real product: the ingest and query services from their jars, a
 * real broker and PostgreSQL. Exactly-once counting must survive what publishers really do: retry
 * after a broken connection, and publish an event again after a failure.
 */
@ExtendWith(StackExtension.class)
class UsagePublisherIT {

    private static final String TOPIC = "usage-events";
    private static final String CONSUMER_GROUP = "tokenmeter-ingest";

    private final Stack stack;

    UsagePublisherIT(Stack stack) {
        this.stack = stack;
    }

    @Test
    void tenThousandEventsSurviveAForcedBrokerDisconnectAndAreCountedExactlyOnce() throws Exception {
        String tenant = "java-kafka";
        List<UsageEvent> events = IntStream.range(0, 10_000)
                .mapToObj(i -> UsageEventBuilder.forTenant(tenant)
                        .call(ProviderUsage.anthropicMessage(Fixtures.read("anthropic-message-cache-read.json")))
                        .project("forced-disconnect")
                        .build())
                .toList();
        KafkaPublisherSettings settings = KafkaPublisherSettings.of(stack.kafka().bootstrapServers())
                .withTimeouts(Duration.ofSeconds(3), Duration.ofMinutes(2));
        TcpProxy proxy = stack.kafka().proxy();
        double retries;
        try (KafkaUsagePublisher publisher = KafkaUsagePublisher.create(settings)) {
            publisher.publishAll(events.subList(0, 3_000)).get(1, TimeUnit.MINUTES);

            // The broker writes what it receives, but no acknowledgement reaches the producer ...
            proxy.holdResponses();
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            events.subList(3_000, 7_000).forEach(event -> inFlight.add(publisher.publish(event)));
            await("produce answers held back").atMost(Duration.ofSeconds(30)).until(() -> proxy.heldResponseBytes() > 0);
            // ... and then every connection breaks: the producer must send those batches again.
            proxy.cutAll();
            proxy.release();
            events.subList(7_000, 10_000).forEach(event -> inFlight.add(publisher.publish(event)));
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

            // A service that lost track of what it sent publishes some events again, same ids.
            publisher.publishAll(events.subList(0, 500)).get(1, TimeUnit.MINUTES);
            retries = producerMetric(publisher.metrics(), "record-retry-total");
        }

        assertThat(retries).as("records the producer had to send again after the disconnect").isPositive();
        assertThat(recordsInTopic(tenant)).as("the idempotent producer wrote no duplicate of a retried batch")
                .isEqualTo(10_500);
        awaitIngestCaughtUp();
        JsonNode summary = stack.awaitRequests(tenant, 10_000);
        assertThat(summary.path("requests").longValue()).isEqualTo(10_000);
        assertThat(summary.path("inputTokens").longValue()).isEqualTo(10_000L * (34 + 3142));
        assertThat(summary.path("cachedInputTokens").longValue()).isEqualTo(10_000L * 3142);
        assertThat(stack.storedEvents(tenant)).isEqualTo(10_000);
    }

    @Test
    void theHttpPublisherDeliversBatchesAndSurfacesWhatIngestRefused() {
        String tenant = "java-http";
        List<UsageEvent> events = IntStream.range(0, 1_500)
                .mapToObj(i -> UsageEventBuilder.forTenant(tenant)
                        .call(ProviderUsage.openAiChatCompletion(Fixtures.read("openai-chat-completion-reasoning.json")))
                        .build())
                .toList();
        // Valid by itself, but not for this ingest key: only the server can tell.
        UsageEvent foreign = UsageEventBuilder.forTenant("someone-else")
                .call(ProviderUsage.geminiGenerateContent(Fixtures.read("gemini-thinking.json")))
                .build();
        CompletableFuture<Void> refused;
        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(
                HttpPublisherSettings.of(stack.ingestUrl(), Stack.ingestKey(tenant)))) {
            CompletableFuture<Void> accepted = publisher.publishAll(events);
            refused = publisher.publish(foreign);
            publisher.publishAll(events.subList(0, 100)).join(); // published twice, counted once
            accepted.join();
            publisher.flush();
        }

        assertThatThrownBy(refused::join).cause().isInstanceOfSatisfying(InvalidEventException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TENANT_MISMATCH));
        JsonNode summary = stack.awaitRequests(tenant, 1_500);
        assertThat(summary.path("requests").longValue()).isEqualTo(1_500);
        assertThat(summary.path("reasoningTokens").longValue()).isEqualTo(1_500L * 1280);
    }

    private static double producerMetric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst()
                .orElseThrow();
    }

    /** Records in the topic keyed by the tenant (the publisher's record key), read from the beginning. */
    private long recordsInTopic(String tenant) throws Exception {
        Map<TopicPartition, Long> end;
        try (Admin admin = admin()) {
            end = endOffsets(admin);
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (end.entrySet().stream().anyMatch(p -> consumer.position(p.getKey()) < p.getValue())) {
                assertThat(System.nanoTime()).as("read the whole topic within a minute").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (tenant.equals(record.key())) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Every record of the topic is consumed and committed: nothing more can arrive for the summary. */
    private void awaitIngestCaughtUp() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> end = endOffsets(admin);
            await("ingest consumer caught up").atMost(Duration.ofMinutes(3)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(CONSUMER_GROUP)
                        .partitionsToOffsetAndMetadata().get();
                return end.entrySet().stream().allMatch(partition -> partition.getValue() == 0
                        || committed.containsKey(partition.getKey())
                                && committed.get(partition.getKey()).offset() >= partition.getValue());
            });
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
    }
}
