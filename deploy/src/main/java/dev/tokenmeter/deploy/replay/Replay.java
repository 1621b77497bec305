package dev.tokenmeter.deploy.replay;

import dev.tokenmeter.deploy.Console;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * One run: reads the dead-letter topic from where the tool's consumer group stopped (or from the
 * beginning with {@code --all}) up to its end when the run started, replays the selected letters, and
 * commits the group's offsets only after the broker acknowledged every replay before them, so an
 * interrupted run is simply run again (ingest deduplicates what was already replayed).
 */
final class Replay {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final int PREVIEW_CHARS = 300;

    private final ReplayOptions options;
    private final Properties kafkaConfig;
    private final Tally tally;
    private final AtomicReference<@Nullable Exception> sendFailure = new AtomicReference<>();

    /** @param kafkaConfig extra client settings (security), applied to both clients */
    Replay(ReplayOptions options, Properties kafkaConfig) {
        this.options = options;
        this.kafkaConfig = kafkaConfig;
        this.tally = new Tally(options.dryRun());
    }

    Tally tally() {
        return tally;
    }

    Tally run() throws ReplayFailure {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            List<TopicPartition> partitions = partitions(consumer, options.dlqTopic(), "--dlq-topic");
            partitions(consumer, options.topic(), "--topic");
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, options.timeout());
            startPositions(consumer, partitions);
            long pending = partitions.stream()
                    .mapToLong(tp -> Math.max(0, end.getOrDefault(tp, 0L) - consumer.position(tp, options.timeout()))).sum();
            Console.line((options.dryRun() ? "Dry run: reading " : "Reading ") + Console.count(pending)
                    + (pending == 1 ? " letter of " : " letters of ") + options.dlqTopic()
                    + (options.all() ? " (all of them, --all)" : " (those group " + options.group() + " has not read)")
                    + " at " + options.bootstrap() + (options.dryRun() ? "" : "; replaying to " + options.topic()));
            copy(consumer, producer, end);
            return tally;
        } catch (TimeoutException e) {
            throw new ReplayFailure(unreachable(e.getMessage()), e);
        } catch (KafkaException e) {
            throw new ReplayFailure("Kafka at " + options.bootstrap() + " failed: " + e
                    + "\nLetters not acknowledged were not marked as read: fix the cause and run the same command again.", e);
        }
    }

    private void copy(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
            Map<TopicPartition, Long> end) throws ReplayFailure {
        long lastProgress = System.nanoTime();
        long lastRecord = System.nanoTime();
        while (!reachedEnd(consumer, end)) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() < end.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                    handle(Letter.of(record), producer);
                }
            }
            if (!options.dryRun()) {
                producer.flush();
                failIfUnacknowledged();
                consumer.commitSync(readUpTo(consumer, end), options.timeout());
            }
            long now = System.nanoTime();
            if (!records.isEmpty()) {
                lastRecord = now;
            } else if (now - lastRecord > options.timeout().toNanos()) {
                throw new ReplayFailure(
                        unreachable("no letter arrived for " + options.timeout().toSeconds() + " s before the end of the topic"));
            }
            if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
                Console.progress(tally.progress());
                lastProgress = now;
            }
        }
    }

    private void handle(Letter letter, KafkaProducer<byte[], byte[]> producer) {
        tally.countScanned(letter);
        if (!options.selection().test(letter)) {
            return;
        }
        tally.countSelected();
        String truncatedFrom = letter.truncatedFrom();
        byte[] value = letter.value();
        if (truncatedFrom != null) {
            tally.countSkipped(letter, Skip.TRUNCATED, "originally " + truncatedFrom + " bytes; " + letter.header("x-error-detail"));
            return;
        }
        if (value == null) {
            tally.countSkipped(letter, Skip.NO_VALUE, "a tombstone");
            return;
        }
        FixUp.Outcome outcome = options.fixUp().apply(value);
        if (outcome instanceof FixUp.Skipped skipped) {
            tally.countSkipped(letter, skipped.why(), skipped.detail());
            return;
        }
        byte[] fixed = ((FixUp.Fixed) outcome).value();
        if (options.dryRun()) {
            Console.line(
                    "would replay " + letter.coordinates() + " [" + letter.reason() + "] key " + text(letter.key()) + ": " + text(fixed));
            tally.countReplayed();
            return;
        }
        producer.send(ReplayedRecord.of(letter, fixed, options.topic()), (metadata, error) -> {
            if (error == null) {
                tally.countReplayed();
            } else if (error instanceof RecordTooLargeException || error instanceof InvalidRecordException) {
                tally.countSkipped(letter, Skip.REFUSED_BY_BROKER, error.toString());
            } else {
                sendFailure.compareAndSet(null, error);
            }
        });
    }

    private void failIfUnacknowledged() throws ReplayFailure {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new ReplayFailure("Kafka at " + options.bootstrap() + " did not acknowledge a replayed record: " + failure
                    + "\nLetters not acknowledged were not marked as read: fix the cause and run the same command again"
                    + " (an event replayed twice is counted once).", failure);
        }
    }

    /** The partitions of a topic; a missing topic is an error that names the flag to fix. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic, String flag) throws ReplayFailure {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, options.timeout());
        if (infos == null || infos.isEmpty()) {
            String known = consumer.listTopics(options.timeout()).keySet().stream()
                    .filter(name -> !name.startsWith("__")).sorted().collect(Collectors.joining(", "));
            throw new ReplayFailure("The topic " + topic + " does not exist at " + options.bootstrap() + " (topics there: "
                    + (known.isEmpty() ? "none" : known) + "). The ingest service creates usage-events and usage-events.dlq when it"
                    + " starts; if yours are named otherwise, pass " + flag + " NAME.");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private void startPositions(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        if (options.all()) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), options.timeout());
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
    }

    private boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey(), options.timeout()) >= entry.getValue());
    }

    /** What this run has read and, unless a dry run, had acknowledged: never past the end it set out to read. */
    private Map<TopicPartition, OffsetAndMetadata> readUpTo(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        end.forEach((partition, last) -> offsets.put(partition,
                new OffsetAndMetadata(Math.min(last, consumer.position(partition, options.timeout())))));
        return offsets;
    }

    private String unreachable(@Nullable String what) {
        return "Could not reach Kafka at " + options.bootstrap() + " within " + options.timeout().toSeconds() + " s (--timeout): " + what
                + "\nIs the broker running? The local stack's starts with deploy/local/start (on TOKENMETER_KAFKA_PORT, default 19092)."
                + "\nFor another cluster pass --bootstrap HOST:PORT (or set TOKENMETER_KAFKA_BOOTSTRAP), and --kafka-config FILE for its"
                + " security settings. Letters not acknowledged were not marked as read: the same command continues from there.";
    }

    private static String text(byte @Nullable [] bytes) {
        if (bytes == null) {
            return "(none)";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "… (" + bytes.length + " bytes)";
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis());
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = common();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, options.timeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(options.timeout().toMillis(), 20_000));
        return config;
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> config.put(key.toString(), value));
        config.put("bootstrap.servers", options.bootstrap());
        config.put("client.id", "tokenmeter-dlq-replay");
        return config;
    }
}
