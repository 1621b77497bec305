package dev.tokenmeter.ingest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka connection and topics ({@code tokenmeter.kafka.*}).
 *
 * @param bootstrapServers broker list, e.g. {@code localhost:19092}
 * @param topic            the usage event topic
 * @param deadLetterTopic  where invalid records go, unchanged, with {@code x-error-*} headers
 * @param consumerGroup    consumer group of the ingest service
 * @param createTopics     create both topics at start-up when missing
 * @param partitions       partitions of topics created at start-up
 * @param maxPollRecords   most records per batch (one transaction each); a backlog fills batches, live
 *                         traffic gives smaller ones (a poll returns what has arrived)
 * @param pollTimeout      longest a poll waits for records; commits wait for the poll in progress
 * @param maxBytesInFlight most bytes of records held between poll and commit; the consumer's fetch
 *                         sizes are capped at a quarter of it, and a batch waits until it fits
 * @param properties       further Kafka client properties (security, tuning), passed through
 */
@Validated
@ConfigurationProperties("tokenmeter.kafka")
public record KafkaSettings(
        @NotBlank String bootstrapServers,
        @DefaultValue("usage-events") String topic,
        @DefaultValue("usage-events.dlq") String deadLetterTopic,
        @DefaultValue("tokenmeter-ingest") String consumerGroup,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("10000") @Min(1) int maxPollRecords,
        @DefaultValue("20ms") Duration pollTimeout,
        @DefaultValue("64MB") DataSize maxBytesInFlight,
        @DefaultValue Map<String, String> properties) {
}
