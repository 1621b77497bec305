package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Against the real broker and database: invalid records go to the dead-letter topic unchanged,
 * with the reason and their origin, and never block the valid events around them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithIngestHarness
class PoisonRecordsIT {

    static final IngestHarness harness = IngestHarness.of(PoisonRecordsIT.class);
    static final String TENANT = "poison-co";
    static final int VALID_PER_GAP = 3;

    @Autowired
    MeterRegistry meters;

    /** A poison record to publish and the dead-letter reason it must get. */
    record PoisonSpec(String name, String reason, String detailMentions, String json) {
    }

    /** A poison record as published, and where the broker put it. */
    record Poison(String name, String expectedReason, String detailMentions, byte[] key, byte[] value, RecordMetadata sent) {
    }

    final List<Poison> poisons = new ArrayList<>();
    final List<String> validIds = new ArrayList<>();
    final Map<String, Double> deadLetteredBefore = new HashMap<>();
    List<ConsumerRecord<byte[], byte[]>> deadLetters;

    /**
     * Publishes, all on one partition (same key), valid events with a poison record between every few
     * of them, and waits until the ingest service has committed past all of them.
     */
    @BeforeAll
    void publishPoisonRecordsInterleavedWithValidEvents() throws Exception {
        for (String reason : List.of("malformed_json", "schema_violation", "inconsistent_usage", "too_old", "in_future", "too_large")) {
            deadLetteredBefore.put(reason, deadLettered(reason));
        }
        TestEvents events = new TestEvents(11);
        Instant now = Instant.now();
        List<PoisonSpec> specs = List.of(
                new PoisonSpec("malformed JSON", "malformed_json", "JSON",
                        "{\"id\":\"poison-1\",\"tenant\":\"poison-co\",\"time\":\"" + now + "\",\"provider\":\"openai\",\"model\":"),
                new PoisonSpec("missing provider", "schema_violation", "provider",
                        "{\"id\":\"poison-2\",\"tenant\":\"poison-co\",\"time\":\"" + now + "\",\"model\":\"gpt-4o-mini\","
                                + "\"usage\":{\"inputTokens\":10,\"outputTokens\":5}}"),
                new PoisonSpec("more cached than input tokens", "inconsistent_usage", "usage.cachedInputTokens",
                        event("poison-3", now, "{\"inputTokens\":100,\"cachedInputTokens\":101,\"outputTokens\":5}", "")),
                new PoisonSpec("negative tokens", "schema_violation", "usage.outputTokens",
                        event("poison-4", now, "{\"inputTokens\":100,\"outputTokens\":-5}", "")),
                new PoisonSpec("40 days old", "too_old", "time",
                        event("poison-5", now.minus(Duration.ofDays(40)), "{\"inputTokens\":100,\"outputTokens\":5}", "")),
                new PoisonSpec("1 hour ahead", "in_future", "time",
                        event("poison-6", now.plus(Duration.ofHours(1)), "{\"inputTokens\":100,\"outputTokens\":5}", "")),
                new PoisonSpec("70 KiB", "too_large", "bytes",
                        event("poison-7", now, "{\"inputTokens\":100,\"outputTokens\":5}",
                                ",\"padding\":\"" + "x".repeat(70 * 1024) + "\"")));

        List<Future<RecordMetadata>> sends = new ArrayList<>();
        int valid = 0;
        for (PoisonSpec spec : specs) {
            for (int i = 0; i < VALID_PER_GAP; i++) {
                String id = "ok-" + valid++;
                validIds.add(id);
                harness.send(TENANT, events.event(TENANT, id));
            }
            sends.add(harness.send(TENANT, spec.json()));
        }
        for (int i = 0; i < VALID_PER_GAP; i++) {
            String id = "ok-" + valid++;
            validIds.add(id);
            harness.send(TENANT, events.event(TENANT, id));
        }
        for (int i = 0; i < specs.size(); i++) {
            PoisonSpec spec = specs.get(i);
            poisons.add(new Poison(spec.name(), spec.reason(), spec.detailMentions(), TENANT.getBytes(StandardCharsets.UTF_8),
                    spec.json().getBytes(StandardCharsets.UTF_8), sends.get(i).get()));
        }
        assertThat(poisons.get(6).value().length).as("the 70 KiB record").isGreaterThan(70 * 1024);

        harness.awaitConsumed();
        deadLetters = harness.deadLetters();
    }

    @Test
    void eachPoisonRecordReachesTheDeadLetterTopicUnchangedWithItsReasonAndOrigin() {
        SoftAssertions softly = new SoftAssertions();
        for (Poison poison : poisons) {
            List<ConsumerRecord<byte[], byte[]>> letters = deadLetters.stream()
                    .filter(letter -> offsetOf(letter) == poison.sent().offset()
                            && poison.sent().topic().equals(header(letter, "x-original-topic")))
                    .toList();
            softly.assertThat(letters).as("dead letters of the %s record", poison.name()).hasSize(1);
            if (letters.size() != 1) {
                continue;
            }
            ConsumerRecord<byte[], byte[]> letter = letters.get(0);
            softly.assertThat(letter.value()).as("value of the %s record", poison.name()).isEqualTo(poison.value());
            softly.assertThat(letter.key()).as("key of the %s record", poison.name()).isEqualTo(poison.key());
            softly.assertThat(header(letter, "x-error-reason")).as("reason of the %s record", poison.name())
                    .isEqualTo(poison.expectedReason());
            softly.assertThat(header(letter, "x-error-detail")).as("detail of the %s record", poison.name())
                    .isNotBlank()
                    .contains(poison.detailMentions());
            softly.assertThat(header(letter, "x-original-topic")).isEqualTo(harness.topic);
            softly.assertThat(header(letter, "x-original-partition")).as("partition of the %s record", poison.name())
                    .isEqualTo(Integer.toString(poison.sent().partition()));
            softly.assertThat(header(letter, "x-original-offset")).as("offset of the %s record", poison.name())
                    .isEqualTo(Long.toString(poison.sent().offset()));
            for (String name : List.of("x-error-reason", "x-error-detail", "x-original-topic",
                    "x-original-partition", "x-original-offset")) {
                softly.assertThat(letter.headers().headers(name)).as("%s headers of the %s record", name, poison.name())
                        .hasSize(1);
            }
        }
        softly.assertAll();
    }

    @Test
    void onlyThePoisonRecordsReachTheDeadLetterTopic() {
        assertThat(deadLetters)
                .extracting(letter -> header(letter, "x-original-offset"))
                .containsExactlyInAnyOrderElementsOf(poisons.stream().map(p -> Long.toString(p.sent().offset())).toList());
        assertThat(deadLetters)
                .extracting(letter -> header(letter, "x-error-reason"))
                .containsExactlyInAnyOrder("malformed_json", "schema_violation", "inconsistent_usage",
                        "schema_violation", "too_old", "in_future", "too_large");
    }

    @Test
    void everyValidEventAroundThePoisonRecordsIsStoredAndRolledUp() throws Exception {
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ?", TENANT)).isEqualTo(validIds.size());
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ? AND id = ANY (?)",
                TENANT, validIds.toArray(String[]::new))).isEqualTo(validIds.size());
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE id LIKE 'poison-%'")).isZero();
        assertThat(harness.count("SELECT count(*) FROM usage_event_conflict")).isZero();
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of(TENANT));
        }
    }

    @Test
    void deadLetteredRecordsAreCountedByReason() {
        Map<String, Long> expected = Map.of("malformed_json", 1L, "schema_violation", 2L, "inconsistent_usage", 1L,
                "too_old", 1L, "in_future", 1L, "too_large", 1L);
        expected.forEach((reason, count) -> assertThat(deadLettered(reason) - deadLetteredBefore.get(reason))
                .as("ingest.events.deadlettered{reason=%s}", reason)
                .isEqualTo(count.doubleValue()));
    }

    private double deadLettered(String reason) {
        return meters.counter("ingest.events.deadlettered", "reason", reason).count();
    }

    /** A plain event of the tenant with the given time and usage, and any extra top-level fields. */
    private static String event(String id, Instant time, String usage, String extra) {
        return "{\"id\":\"" + id + "\",\"tenant\":\"" + TENANT + "\",\"time\":\"" + time
                + "\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\",\"usage\":" + usage + extra + "}";
    }

    private static long offsetOf(ConsumerRecord<byte[], byte[]> letter) {
        String offset = header(letter, "x-original-offset");
        return offset == null ? -1 : Long.parseLong(offset);
    }

    private static String header(ConsumerRecord<byte[], byte[]> letter, String name) {
        Header header = letter.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
