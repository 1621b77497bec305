package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Against the real broker and database: records the database refuses are isolated and
 * dead-lettered as {@code store_rejected} while 10 000 events of other tenants sent around them
 * are counted exactly; a cost no column could hold is refused at validation; a deployment fault
 * (a missing table) pauses ingest without dead-lettering anything; times finer than a microsecond
 * land on the same day in the raw row and the rollups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithIngestHarness
class StoreRejectedIT {

    static final IngestHarness harness = IngestHarness.of(StoreRejectedIT.class);
    static final List<String> OTHERS = List.of("bystander-a", "bystander-b", "bystander-c");
    static final int OTHER_EVENTS = 10_000;
    static final String REFUSED = "refused-co";
    static final String PRICEY = "pricey-co";
    static final String FAULT = "fault-co";
    static final String PRECISE = "precise-co";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tokenmeter.ingest.retry-max-backoff", () -> "500ms");
    }

    @Autowired
    MeterRegistry meters;

    final TestEvents events = new TestEvents(16);
    final List<RecordMetadata> refusedSent = new ArrayList<>();
    RecordMetadata priceySent;
    Instant dayEdge;
    Instant monthEdge;
    List<ConsumerRecord<byte[], byte[]>> deadLetters;

    @BeforeAll
    void publishRefusedRecordsAmongOtherTenantsTraffic() throws Exception {
        try (Connection connection = harness.connect(); Statement sql = connection.createStatement()) {
            // A constraint the validator knows nothing of: PostgreSQL refuses these rows with 23514.
            sql.execute("ALTER TABLE usage_event ADD CONSTRAINT refused_model CHECK (model <> 'refused-by-check')");
            sql.execute("""
                    INSERT INTO price_override (tenant, provider, model, effective_from, input, output)
                    VALUES ('pricey-co', 'acme-ai', 'gold-llm', '2000-01-01T00:00:00Z', 1000000, 1000000)""");
        }
        awaitTenantPriceLoaded();
        // An overflow the validator cannot see: a rollup row already near bigint's end (22003).
        Instant now = Instant.now();
        Instant overflowTime = now.minus(Duration.ofHours(1));
        try (Connection connection = harness.connect(); var insert = connection.prepareStatement("""
                INSERT INTO usage_rollup_1d (tenant, bucket_start, provider, model, endpoint, project, api_key, status,
                    requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                    cost_usd, unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
                VALUES (?, ?, 'openai', 'gpt-4o', 'chat.completions', '', '', 'success',
                    1, 9223372036854775000, 0, 0, 0, 0, 0, 0, 0, 0, '{}', ?)""")) {
            insert.setString(1, REFUSED);
            insert.setObject(2, overflowTime.truncatedTo(ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
            insert.setObject(3, overflowTime.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }

        publishOthers(0, OTHER_EVENTS / 2);
        for (int i = 0; i < 3; i++) {
            refusedSent.add(harness.send(REFUSED, refusedEvent("check-" + i, now, "refused-by-check", 100)).get());
        }
        refusedSent.add(harness.send(REFUSED, refusedEvent("overflow-1", overflowTime, "gpt-4o", 1_000_000)).get());
        priceySent = harness.send(PRICEY, event(PRICEY, "too-costly", now, "acme-ai", "gold-llm", 1_000_000_000_000L)).get();
        dayEdge = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(400);
        monthEdge = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(400);
        harness.send(PRECISE, event(PRECISE, "day-edge", dayEdge, "openai", "gpt-4o", 10));
        harness.send(PRECISE, event(PRECISE, "month-edge", monthEdge, "openai", "gpt-4o", 10));
        publishOthers(OTHER_EVENTS / 2, OTHER_EVENTS);
        harness.awaitConsumed();
        deadLetters = harness.deadLetters();
    }

    @Test
    void recordsTheDatabaseRefusesAreDeadLetteredAsStoreRejectedWithTheDatabasesCode() {
        Map<Long, ConsumerRecord<byte[], byte[]>> byOffset = deadLetters.stream()
                .filter(letter -> "store_rejected".equals(header(letter, "x-error-reason")))
                .collect(Collectors.toMap(letter -> Long.parseLong(header(letter, "x-original-offset")), letter -> letter));
        assertThat(byOffset.keySet()).containsExactlyInAnyOrderElementsOf(refusedSent.stream().map(RecordMetadata::offset).toList());
        for (RecordMetadata sent : refusedSent) {
            ConsumerRecord<byte[], byte[]> letter = byOffset.get(sent.offset());
            assertThat(header(letter, "x-original-partition")).isEqualTo(Integer.toString(sent.partition()));
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("\"tenant\":\"" + REFUSED + "\"");
        }
        assertThat(deadLetters.stream()
                .filter(letter -> "store_rejected".equals(header(letter, "x-error-reason")))
                .map(letter -> header(letter, "x-error-detail")))
                .anySatisfy(detail -> assertThat(detail).contains("SQLSTATE 23514"))
                .anySatisfy(detail -> assertThat(detail).contains("SQLSTATE 22003"));
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ?", REFUSED)).isZero();
    }

    @Test
    void aCostNoEventMayCarryIsRefusedAtValidationNotByTheStore() {
        assertThat(deadLetters)
                .filteredOn(letter -> Long.toString(priceySent.offset()).equals(header(letter, "x-original-offset"))
                        && Integer.toString(priceySent.partition()).equals(header(letter, "x-original-partition")))
                .singleElement()
                .satisfies(letter -> {
                    assertThat(header(letter, "x-error-reason")).isEqualTo("cost_out_of_range");
                    assertThat(header(letter, "x-error-detail")).contains("1000000000000");
                });
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ? AND id = 'too-costly'", PRICEY)).isZero();
    }

    @Test
    void otherTenantsEventsSentAroundTheRefusedOnesAreCountedExactly() throws Exception {
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ANY (?)", (Object) OTHERS.toArray(String[]::new)))
                .isEqualTo(OTHER_EVENTS);
        assertThat(deadLetters).allSatisfy(letter -> assertThat(new String(letter.value(), StandardCharsets.UTF_8))
                .doesNotContain("bystander-"));
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, OTHERS);
        }
    }

    @Test
    void timesFinerThanAMicrosecondAreStoredOnTheSameDayInTheRawRowAndTheRollups() throws Exception {
        for (var edge : List.of(Map.entry("day-edge", dayEdge), Map.entry("month-edge", monthEdge))) {
            Instant truncated = edge.getValue().truncatedTo(ChronoUnit.MICROS);
            assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ? AND id = ? AND event_time = ?",
                    PRECISE, edge.getKey(), truncated.atOffset(ZoneOffset.UTC))).as(edge.getKey()).isEqualTo(1);
            assertThat(harness.count("SELECT count(*) FROM usage_rollup_1d WHERE tenant = ? AND bucket_start = ?",
                    PRECISE, truncated.truncatedTo(ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))).as(edge.getKey()).isEqualTo(1);
        }
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of(PRECISE));
        }
    }

    @Test
    void aMissingTableIsADeploymentFaultThatPausesIngestAndDeadLettersNothing() throws Exception {
        double retriesBefore = retries();
        int before = harness.deadLetters().size();
        try (Connection connection = harness.connect(); Statement sql = connection.createStatement()) {
            sql.execute("ALTER TABLE usage_rollup_1d RENAME TO usage_rollup_1d_away");
            try {
                for (int i = 0; i < 50; i++) {
                    harness.send(FAULT, events.event(FAULT, "fault-" + i));
                }
                harness.flush();
                await().atMost(Duration.ofSeconds(60)).until(() -> retries() > retriesBefore);
                assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ?", FAULT)).isZero();
            } finally {
                sql.execute("ALTER TABLE usage_rollup_1d_away RENAME TO usage_rollup_1d");
            }
        }
        harness.awaitConsumed();
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ?", FAULT)).isEqualTo(50);
        assertThat(harness.deadLetters()).hasSize(before);
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of(FAULT));
        }
    }

    private void awaitTenantPriceLoaded() {
        int[] probe = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String id = "probe-" + probe[0]++;
            harness.send(PRICEY, event(PRICEY, id, Instant.now(), "acme-ai", "gold-llm", 1)).get();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> harness.count("SELECT count(*) FROM usage_event WHERE tenant = ? AND id = ?", PRICEY, id) == 1);
            return harness.count("SELECT count(*) FROM usage_event WHERE tenant = ? AND id = ? AND cost_source = 'override'",
                    PRICEY, id) == 1;
        });
    }

    private void publishOthers(int from, int to) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String tenant = OTHERS.get(i % OTHERS.size());
            sends.add(harness.send(tenant, events.event(tenant, "e-" + i)));
        }
        harness.flush();
        assertThat(sends).allSatisfy(send -> assertThat(send).succeedsWithin(Duration.ofSeconds(30)));
    }

    private double retries() {
        return Search.in(meters).name("ingest.retries").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String refusedEvent(String id, Instant time, String model, long inputTokens) {
        return "{\"id\":\"" + id + "\",\"tenant\":\"" + REFUSED + "\",\"time\":\"" + time
                + "\",\"provider\":\"openai\",\"model\":\"" + model + "\",\"endpoint\":\"chat.completions\",\"latencyMs\":5,"
                + "\"usage\":{\"inputTokens\":" + inputTokens + ",\"outputTokens\":0}}";
    }

    private static String event(String tenant, String id, Instant time, String provider, String model, long inputTokens) {
        return "{\"id\":\"" + id + "\",\"tenant\":\"" + tenant + "\",\"time\":\"" + time + "\",\"provider\":\"" + provider
                + "\",\"model\":\"" + model + "\",\"usage\":{\"inputTokens\":" + inputTokens + ",\"outputTokens\":0}}";
    }

    private static String header(ConsumerRecord<byte[], byte[]> letter, String name) {
        Header header = letter.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
