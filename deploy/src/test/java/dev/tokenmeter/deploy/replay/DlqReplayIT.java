package dev.tokenmeter.deploy.replay;

import static dev.tokenmeter.deploy.replay.Letters.bytes;
import static dev.tokenmeter.deploy.replay.Letters.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.testsupport.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole runs of the replay against a real broker, with letters written as the ingest service writes them. */
class DlqReplayIT {

    private static final Infrastructure INFRA = Infrastructure.shared();

    private final String dlq = "dlq-" + UUID.randomUUID();
    private final String usage = "usage-" + UUID.randomUUID();
    private final String group = "replay-" + UUID.randomUUID();

    @BeforeEach
    void createTopics() {
        INFRA.createTopic(dlq, 2);
        INFRA.createTopic(usage, 3);
    }

    /** A replayed record as the usage topic holds it. */
    record Replayed(@Nullable String key, String value, Map<String, String> headers) {
    }

    @Test
    void onlyTheSelectedLettersArriveWithTheirKeyAndWithoutDeadLetterHeadersAndTruncatedOnesAreReported() throws Exception {
        String acmeOld = event("a1", "acme");
        String acmeOld2 = Letters.cloudEvent("a2", "acme");
        RecordHeaders ownHeaders = Letters.headers("too_old", 11);
        ownHeaders.add("traceparent", bytes("00-trace-span-01"));
        long first = send(0, "acme", acmeOld, ownHeaders);
        send(0, "globex", event("g1", "globex"), Letters.headers("too_old", 12));
        send(1, "acme", event("a3", "acme"), Letters.headers("schema_violation", 13));
        long second = send(1, null, acmeOld2, Letters.headers("too_old", 14));
        long truncated = send(0, null, Letters.truncatedValue("acme"), Letters.truncatedHeaders("too_old", 70_200));

        Tally tally = replay("--reason", "too_old", "--tenant", "acme");

        assertThat(read(usage)).containsExactlyInAnyOrder(
                new Replayed("acme", acmeOld, Map.of("traceparent", "00-trace-span-01", "x-replayed-from", dlq + "-0@" + first)),
                new Replayed(null, acmeOld2, Map.of("x-replayed-from", dlq + "-1@" + second)));
        assertThat(tally.scanned()).isEqualTo(5);
        assertThat(tally.selected()).isEqualTo(3);
        assertThat(tally.replayed()).isEqualTo(2);
        assertThat(tally.skipped(Skip.TRUNCATED)).isEqualTo(1);
        assertThat(tally.summary("Done"))
                .anySatisfy(line -> assertThat(line).contains(dlq + "-0@" + truncated + " [too_old] truncated: originally 70200 bytes"));
        assertThat(tally.scannedByReason()).isEqualTo(Map.of("too_old", 4L, "schema_violation", 1L));
    }

    @Test
    void aSecondRunOfTheGroupReplaysOnlyLettersWrittenSinceAndAllRereadsEverything() throws Exception {
        send(0, "acme", event("a1", "acme"), Letters.headers("too_old", 1));
        send(1, "acme", event("a2", "acme"), Letters.headers("in_future", 2));
        assertThat(replay().replayed()).isEqualTo(2);

        Tally again = replay();
        assertThat(again.scanned()).isZero();
        assertThat(again.replayed()).isZero();

        send(1, "acme", event("a3", "acme"), Letters.headers("too_old", 3));
        Tally later = replay();
        assertThat(later.scanned()).isEqualTo(1);
        assertThat(later.replayed()).isEqualTo(1);

        assertThat(replay("--all").replayed()).isEqualTo(3);
        assertThat(read(usage)).extracting(Replayed::value)
                .containsExactlyInAnyOrder(event("a1", "acme"), event("a2", "acme"), event("a3", "acme"),
                        event("a1", "acme"), event("a2", "acme"), event("a3", "acme"));
    }

    @Test
    void aDryRunSendsNothingAndMarksNothingAsRead() throws Exception {
        send(0, "acme", event("a1", "acme"), Letters.headers("too_old", 1));

        Tally dry = replay("--dry-run", "--set", "tenant=globex");

        assertThat(dry.replayed()).isEqualTo(1);
        assertThat(read(usage)).isEmpty();
        assertThat(replay().replayed()).isEqualTo(1);
        assertThat(read(usage)).hasSize(1);
    }

    @Test
    void fixUpsChangeTheReplayedValueAndACommandThatPrintsNothingDropsTheLetter() throws Exception {
        send(0, "acme", "{\"id\":\"a1\",\"tenant\":\"Acme\",\"costUsd\":1e99}", Letters.headers("schema_violation", 1));
        send(0, "acme", "{\"id\":\"drop-me\",\"tenant\":\"Acme\"}", Letters.headers("schema_violation", 2));

        Tally tally = replay("--set", "tenant=acme", "--drop-field", "costUsd",
                "--fix-command", "grep -v drop-me || true");

        assertThat(read(usage)).extracting(Replayed::value).containsExactly("{\"id\":\"a1\",\"tenant\":\"acme\"}");
        assertThat(tally.skipped(Skip.FIX_COMMAND_DROPPED)).isEqualTo(1);
    }

    @Test
    void theCommandLineEntryAnswersZeroAfterARunAndTwoForBadFlags() throws Exception {
        send(0, "acme", event("a1", "acme"), Letters.headers("too_old", 1));

        assertThat(DlqReplay.run(List.of("--bootstrap", INFRA.kafkaBootstrapServers(), "--dlq-topic", dlq, "--topic", usage,
                "--group", group), Map.of())).isZero();
        assertThat(read(usage)).hasSize(1);
        assertThat(DlqReplay.run(List.of("--reason", "nope"), Map.of())).isEqualTo(2);
    }

    @Test
    void aMissingTopicIsAnErrorThatNamesTheFlagToFix() {
        assertThatThrownBy(() -> replay("--dlq-topic", "no-such-topic"))
                .isInstanceOf(ReplayFailure.class)
                .hasMessageContaining("no-such-topic does not exist at " + INFRA.kafkaBootstrapServers())
                .hasMessageContaining("--dlq-topic NAME");
        assertThatThrownBy(() -> replay("--topic", "no-such-usage-topic"))
                .isInstanceOf(ReplayFailure.class)
                .hasMessageContaining("--topic NAME");
    }

    @Test
    void anUnreachableBrokerIsAnErrorThatNamesTheBootstrapAndHowToSetIt() {
        ReplayOptions options = ReplayOptions.parse(List.of("--bootstrap", "localhost:1", "--timeout", "2s"), Map.of());

        assertThatThrownBy(() -> new Replay(options, new Properties()).run())
                .isInstanceOf(ReplayFailure.class)
                .hasMessageContaining("Could not reach Kafka at localhost:1 within 2 s")
                .hasMessageContaining("--bootstrap HOST:PORT");
    }

    private Tally replay(String... flags) throws ReplayFailure {
        List<String> args = new ArrayList<>(List.of("--bootstrap", INFRA.kafkaBootstrapServers(), "--dlq-topic", dlq,
                "--topic", usage, "--group", group));
        args.addAll(List.of(flags));
        return new Replay(ReplayOptions.parse(args, Map.of()), new Properties()).run();
    }

    /** Writes a letter as the ingest service does, and answers its offset. */
    private long send(int partition, @Nullable String key, String value, RecordHeaders headers) throws Exception {
        return send(partition, key, bytes(value), headers);
    }

    private long send(int partition, @Nullable String key, byte[] value, RecordHeaders headers)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(dlq, partition, key == null ? null : bytes(key), value, headers))
                    .get().offset();
        }
    }

    /** Everything on a topic now: the replay has waited for every acknowledgement before it returned. */
    private static List<Replayed> read(String topic) {
        return Letters.readAll(INFRA.kafkaBootstrapServers(), topic).stream()
                .map(record -> new Replayed(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                        new String(record.value(), StandardCharsets.UTF_8),
                        StreamSupport.stream(record.headers().spliterator(), false).collect(Collectors.toMap(
                                header -> header.key(), header -> new String(header.value(), StandardCharsets.UTF_8)))))
                .toList();
    }
}
