package dev.tokenmeter.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.deploy.Faults;
import dev.tokenmeter.deploy.files.DeployFiles;
import dev.tokenmeter.testsupport.Infrastructure;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/dlq-replay} killed with SIGKILL in the middle of a run, as a real process: the group's
 * offsets only ever cover letters the broker acknowledged, so running the same command again replays
 * every letter not marked as read — none is lost; the few sent but not yet marked are sent twice, which
 * ingest counts once (its deduplication by tenant and id, proved by ExactlyOnceIngestIT).
 */
class DlqReplayKillIT {

    private static final Infrastructure INFRA = Infrastructure.shared();
    private static final int LETTERS = 2_000;

    private final String dlq = "dlq-" + UUID.randomUUID();
    private final String usage = "usage-" + UUID.randomUUID();
    private final String group = "replay-" + UUID.randomUUID();

    @Test
    void aRunKilledMidwayLosesNoLetterAndTheSameCommandReplaysOnlyWhatWasNotMarkedAsRead(@TempDir Path dir) throws Exception {
        INFRA.createTopic(dlq, 2);
        INFRA.createTopic(usage, 3);
        writeLetters();
        // One shell per letter (--fix-command) keeps the run long enough to be killed in its middle.
        List<String> flags = List.of("--bootstrap", INFRA.kafkaBootstrapServers(), "--dlq-topic", dlq, "--topic", usage,
                "--group", group, "--fix-command", "cat");

        Process child = replayProcess(flags, dir.resolve("replay.log"));
        // The worst moment: letters marked as read, and more sent after them that are not.
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> !child.isAlive() || committed() > 0 && endOffsets(usage) > committed() + 10);
        assertThat(child.isAlive()).as("the replay still runs at the moment of the kill: %s",
                Files.readString(dir.resolve("replay.log"))).isTrue();
        Faults.kill(child.pid(), "KILL");
        assertThat(child.waitFor()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
        long[] seen = {-1};
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            long now = endOffsets(usage);
            boolean settled = now == seen[0];
            seen[0] = now;
            return settled;
        });

        long markedAsRead = committed();
        List<String> beforeRerun = ids(usage);
        assertThat(markedAsRead).as("the kill came after a commit and before the end").isBetween(1L, LETTERS - 1L);
        assertThat((long) Set.copyOf(beforeRerun).size()).as("every letter marked as read had been acknowledged")
                .isGreaterThanOrEqualTo(markedAsRead);

        Tally rerun = new Replay(ReplayOptions.parse(flags, Map.of()), new Properties()).run();

        assertThat(rerun.scanned()).as("the same command reads only the letters not marked as read")
                .isEqualTo(LETTERS - markedAsRead);
        assertThat(committed()).isEqualTo(LETTERS);
        List<String> replayed = ids(usage);
        assertThat(Set.copyOf(replayed)).as("no letter lost").isEqualTo(allIds());
        Map<String, Long> copies = replayed.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long twice = copies.values().stream().filter(count -> count > 1).count();
        assertThat(copies.values()).as("a letter is sent at most once per run").allMatch(count -> count <= 2);
        assertThat(twice).as("only letters sent before the kill but not yet marked as read are sent again")
                .isEqualTo(beforeRerun.size() - markedAsRead);
    }

    /** {@code deploy/dlq-replay} as the script runs it (the script itself may first build; here the jars are fresh). */
    private Process replayProcess(List<String> flags, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", DeployFiles.classpath(), DlqReplay.class.getName()));
        command.addAll(flags);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private void writeLetters() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < LETTERS; i++) {
                String id = "e" + i;
                producer.send(new ProducerRecord<>(dlq, i % 2, Letters.bytes("acme"), Letters.bytes(Letters.event(id, "acme")),
                        Letters.headers("too_old", i)));
            }
            producer.flush();
        }
    }

    private Set<String> allIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < LETTERS; i++) {
            ids.add("e" + i);
        }
        return ids;
    }

    /** How many letters the replay's group has marked as read. */
    private long committed() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            Set<TopicPartition> partitions = Set.of(new TopicPartition(dlq, 0), new TopicPartition(dlq, 1));
            return consumer.committed(partitions).values().stream()
                    .mapToLong(offset -> offset == null ? 0 : offset.offset()).sum();
        }
    }

    private long endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("reader-" + UUID.randomUUID())) {
            return consumer.endOffsets(partitions(consumer, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The event ids of every record on the topic, in no particular order. */
    private List<String> ids(String topic) {
        return Letters.readAll(INFRA.kafkaBootstrapServers(), topic).stream().map(record -> {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            return value.substring("{\"id\":\"".length(), value.indexOf('"', "{\"id\":\"".length()));
        }).toList();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", INFRA.kafkaBootstrapServers(), "group.id", group,
                "enable.auto.commit", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
