package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Against the real broker and database, with the maintenance job running every second: partitions
 * exist ahead without any event, retention drops whole old raw partitions and keeps their rollups,
 * and dedup keys live in generations that are dropped whole while a redelivery of any kept key —
 * also one with another event time, in another month — is still a duplicate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "tokenmeter.partitions.interval=1s",
        "tokenmeter.partitions.months-ahead=4"})
@WithIngestHarness
class StorageMaintenanceIT {

    static final IngestHarness harness = IngestHarness.of(StorageMaintenanceIT.class);

    @Test
    void partitionsForThisAndTheNextFourMonthsExistAfterStartWithoutAnyEvent() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            expected.add(partition(now.plusMonths(i)));
        }
        // The migration creates up to two months ahead; the third and fourth come from the job.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(partitions()).containsAll(expected));
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE event_time >= ?",
                Timestamp.from(now.plusMonths(3).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))).isZero();
    }

    @Test
    void retentionDropsWholeRawPartitionsPastTheHorizonAndKeepsTheirRollups() throws Exception {
        Instant old = LocalDate.now(ZoneOffset.UTC).minusDays(500).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3_600);
        YearMonth oldMonth = YearMonth.from(old.atOffset(ZoneOffset.UTC));
        LocalDate horizon = LocalDate.now(ZoneOffset.UTC).minusDays(400);
        YearMonth horizonMonth = YearMonth.from(horizon);
        try (Connection c = harness.connect()) {
            // One transaction: the job (every second) drops the old partition as soon as it sees it.
            c.setAutoCommit(false);
            try (var ensure = c.prepareStatement("SELECT ensure_usage_event_partitions(?, ?)")) {
                ensure.setTimestamp(1, Timestamp.from(old));
                ensure.setTimestamp(2, Timestamp.from(horizon.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                ensure.execute();
            }
            try (var insert = c.prepareStatement(
                    """
                            INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, status, input_tokens,
                                cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source)
                            VALUES ('retention-co', ?, ?, 'openai', 'gpt-4o', 'chat.completions', 'success', 1000, 0, 0, 100, 0, 0.0035, true, 'catalog')""")) {
                for (Instant time : List.of(old, horizon.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60))) {
                    insert.setString(1, "old-" + time);
                    insert.setTimestamp(2, Timestamp.from(time));
                    insert.execute();
                }
            }
            try (var rebuild = c.prepareStatement("SELECT rebuild_usage_rollups(?, ?)")) {
                rebuild.setTimestamp(1, Timestamp.from(old.truncatedTo(ChronoUnit.DAYS)));
                rebuild.setTimestamp(2, Timestamp.from(horizon.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                rebuild.execute();
            }
            c.commit();
        }
        assertThat(harness.count("SELECT count(*) FROM usage_rollup_1d WHERE tenant = 'retention-co'")).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> !partitions().contains(partition(oldMonth)));

        assertThat(partitions()).as("the month holding the horizon is kept: some of its days are within it")
                .contains(partition(horizonMonth));
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'retention-co'")).isEqualTo(1);
        for (String rollup : List.of("usage_rollup_15m", "usage_rollup_1h", "usage_rollup_1d", "usage_dim_rollup_1d")) {
            assertThat(harness.count("SELECT count(*) FROM " + rollup + " WHERE tenant = 'retention-co' AND bucket_start < ?",
                    Timestamp.from(horizon.atStartOfDay(ZoneOffset.UTC).toInstant())))
                    .as("%s keeps the rows of the dropped days", rollup).isPositive();
        }
        assertThat(harness.count("SELECT sum(requests) FROM usage_rollup_1d WHERE tenant = 'retention-co'")).isEqualTo(2);
        assertThat(harness.count("SELECT count(*) FROM retention_horizon WHERE data = 'raw_events' AND kept_from = ?",
                Timestamp.from(horizon.atStartOfDay(ZoneOffset.UTC).toInstant()))).isEqualTo(1);
    }

    @Test
    void redeliveriesOfKeptKeysAreDuplicatesAcrossKeyGenerationsAndOldGenerationsAreDroppedWhole() throws Exception {
        String tenant = "keys-co";
        TestEvents events = new TestEvents(31);
        Instant recent = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            first.add(withTime(events.event(tenant, "first-" + i), recent));
            second.add(events.event(tenant, "second-" + i));
        }
        int firstGeneration = generation();
        sendAll(tenant, first);
        int secondGeneration = rotate();
        sendAll(tenant, second);
        rotate();
        assertThat(harness.count("SELECT count(*) FROM usage_event_key WHERE tenant = ? AND generation = ?", tenant, firstGeneration))
                .isEqualTo(300);
        assertThat(harness.count("SELECT count(*) FROM usage_event_key WHERE tenant = ? AND generation = ?", tenant, secondGeneration))
                .isEqualTo(300);

        // Every event again, now claimed in a third generation, and one with its time 32 days earlier,
        // in another month: duplicates all, the changed one recorded as a conflict.
        String moved = withTime(first.get(0), recent.minus(Duration.ofDays(32)));
        sendAll(tenant, first);
        sendAll(tenant, second);
        sendAll(tenant, List.of(moved));
        assertExactly(tenant, 600);
        assertThat(harness.count("SELECT count(*) FROM usage_event_key WHERE tenant = ?", tenant)).isEqualTo(600);
        assertThat(harness.count("SELECT count(*) FROM usage_event_conflict WHERE tenant = ? AND id = 'first-0'", tenant))
                .isEqualTo(1);

        // The first generation ended long enough ago (late window + backlog grace + skew + margin = 43 days): dropped whole.
        try (Connection c = harness.connect();
                var age = c.prepareStatement(
                        "UPDATE usage_event_key_generation SET started_at = now() - interval '60 days', ended_at = now() - interval '50 days'"
                                + " WHERE generation = ?")) {
            age.setInt(1, firstGeneration);
            age.execute();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> harness.count("SELECT count(*) FROM usage_event_key_generation WHERE generation = ?", firstGeneration) == 0);
        assertThat(partitionsOf("usage_event_key")).doesNotContain("usage_event_key_g" + firstGeneration)
                .contains("usage_event_key_g" + secondGeneration);

        // Keys still kept still make redeliveries duplicates, whatever their time.
        sendAll(tenant, second);
        sendAll(tenant, List.of(withTime(second.get(1), recent.minus(Duration.ofDays(33)))));
        assertExactly(tenant, 600);
        assertThat(harness.count("SELECT count(*) FROM usage_event_conflict WHERE tenant = ? AND id = 'second-1'", tenant))
                .isEqualTo(1);
    }

    @Test
    void maintenanceCalledByManyInstancesAtOnceCreatesEachPartitionOnceAndRotatesOnce() throws Exception {
        YearMonth far = YearMonth.now(ZoneOffset.UTC).plusMonths(7);
        Timestamp from = Timestamp.from(far.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(far.plusMonths(3).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        int before = generation();
        try (Connection c = harness.connect();
                var age = c.prepareStatement(
                        "UPDATE usage_event_key_generation SET started_at = now() - interval '2 hours' WHERE generation = ?")) {
            age.setInt(1, before);
            age.execute();
        }
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> harness.count(
                    "SELECT ensure_usage_event_partitions(?, ?, interval '10 seconds')", from, to)));
            calls.add(CompletableFuture.supplyAsync(() -> harness.count(
                    "SELECT rotate_usage_event_keys(interval '1 hour', interval '10 seconds')")));
        }
        List<Long> answers = calls.stream().map(CompletableFuture::join).toList();

        long created = 0;
        for (int i = 0; i < answers.size(); i += 2) {
            created += answers.get(i);
            assertThat(answers.get(i + 1)).as("every instance sees the one new generation").isEqualTo(before + 1L);
        }
        assertThat(created).as("each of the three months created by exactly one caller").isEqualTo(3);
        assertThat(partitions()).contains(partition(far), partition(far.plusMonths(1)), partition(far.plusMonths(2)));
        assertThat(harness.count("SELECT count(*) FROM usage_event_key_generation WHERE generation > ?", before)).isEqualTo(1);
    }

    private static void assertExactly(String tenant, long events) throws SQLException {
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = ?", tenant)).isEqualTo(events);
        assertThat(harness.count("SELECT count(DISTINCT id) FROM usage_event WHERE tenant = ?", tenant)).isEqualTo(events);
        assertThat(harness.count("SELECT sum(requests) FROM usage_rollup_1d WHERE tenant = ?", tenant)).isEqualTo(events);
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of(tenant));
        }
    }

    private static void sendAll(String tenant, List<String> records) {
        records.forEach(record -> harness.send(tenant, record));
        harness.awaitConsumed();
    }

    private static String withTime(String json, Instant time) {
        return json.replaceFirst("\"time\":\"[^\"]+\"", "\"time\":\"" + time + "\"");
    }

    private static int generation() {
        return (int) harness.count("SELECT generation FROM usage_event_key_generation WHERE ended_at IS NULL");
    }

    /** Starts a new key generation now, as the job does when the current one is old enough. */
    private static int rotate() {
        return (int) harness.count("SELECT rotate_usage_event_keys(interval '0')");
    }

    private static String partition(YearMonth month) {
        return String.format("usage_event_%04d%02d", month.getYear(), month.getMonthValue());
    }

    private static List<String> partitions() throws SQLException {
        return partitionsOf("usage_event");
    }

    private static List<String> partitionsOf(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = harness.connect();
                var query = c.prepareStatement(
                        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ?::regclass")) {
            query.setString(1, table);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
