package dev.tokenmeter.deploy.demo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the ingest service has got, read from the broker: the ingest service commits a record's
 * offset only after the event is stored, so committed offsets count stored (or dead-lettered) records.
 */
final class IngestProgress implements AutoCloseable {

    /** Records in the topic, and records of it the ingest service has stored. */
    record Offsets(long published, long stored) {

        long lag() {
            return Math.max(0, published - stored);
        }
    }

    private final Admin admin;
    private final String topic;
    private final String group;

    IngestProgress(String bootstrap, String topic, String group) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        this.topic = topic;
        this.group = group;
    }

    Offsets offsets() throws InterruptedException {
        try {
            List<TopicPartition> partitions = java.util.Objects.requireNonNull(
                    admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic), topic)
                    .partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            long published = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long stored = partitions.stream()
                    .map(committed::get)
                    .filter(java.util.Objects::nonNull)
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
            return new Offsets(published, stored);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the ingest progress from Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
