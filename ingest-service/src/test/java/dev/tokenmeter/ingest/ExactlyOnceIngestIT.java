package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.ingest.pipeline.AfterStoreHook;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/** Against the real broker and database: every event counts once, however often it is delivered. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithIngestHarness
class ExactlyOnceIngestIT {

    static final IngestHarness harness = IngestHarness.of(ExactlyOnceIngestIT.class);

    /** Throws once, when armed, between the database commit and the offset commit. */
    static final AtomicInteger crashesArmed = new AtomicInteger();
    static final AtomicInteger crashes = new AtomicInteger();

    @TestConfiguration
    static class CrashAfterStore {
        @Bean
        AfterStoreHook crashOnce() {
            return () -> crashesArmed.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    ? Mono.fromRunnable(crashes::incrementAndGet).then(Mono.error(new IllegalStateException("crash after database commit")))
                    : Mono.empty();
        }
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void tenThousandEventsWithTwentyPercentRedeliveredAreEachCountedOnce() throws Exception {
        List<String> tenants = List.of("eo-alpha", "eo-beta", "eo-gamma", "eo-delta");
        TestEvents events = new TestEvents(1);
        Random random = new Random(2);
        List<String[]> unique = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String tenant = tenants.get(i % tenants.size());
            unique.add(new String[] {tenant, events.event(tenant, "req-" + i)});
        }
        List<String[]> stream = new ArrayList<>(unique);
        Collections.shuffle(stream, random);
        List<String[]> withRedeliveries = new ArrayList<>();
        for (String[] record : stream) {
            withRedeliveries.add(record);
            if (random.nextInt(10) == 0) {
                withRedeliveries.add(record); // right behind: same batch
            }
        }
        for (int i = 0; i < 1_000; i++) {
            withRedeliveries.add(unique.get(random.nextInt(unique.size()))); // much later: another batch
        }
        assertThat(withRedeliveries.size() - unique.size()).isGreaterThanOrEqualTo(1_900);

        for (String[] record : withRedeliveries) {
            harness.send(record[0], record[1]);
        }
        harness.awaitConsumed();

        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant LIKE 'eo-%'")).isEqualTo(10_000);
        assertThat(harness.count("SELECT count(DISTINCT (tenant, id)) FROM usage_event WHERE tenant LIKE 'eo-%'")).isEqualTo(10_000);
        assertThat(harness.count("SELECT count(*) FROM usage_event_conflict WHERE tenant LIKE 'eo-%'")).isZero();
        assertThat(harness.count("SELECT sum(input_tokens + output_tokens) FROM usage_event WHERE tenant LIKE 'eo-%'"))
                .isEqualTo(expectedTokens(unique));
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, tenants);
        }
    }

    @Test
    void sameIdWithADifferentPayloadIsCountedOnceAndRecordedAsAConflict() throws Exception {
        String first = new TestEvents(3).event("conflict-co", "req-1");
        String second = first.replaceFirst("\"outputTokens\":\\d+", "\"outputTokens\":999999");
        assertThat(second).isNotEqualTo(first);

        harness.send("conflict-co", first);
        harness.awaitConsumed();
        harness.send("conflict-co", second);
        harness.send("conflict-co", second);
        harness.send("conflict-co", first);
        harness.awaitConsumed();

        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'conflict-co'")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'conflict-co' AND output_tokens = 999999")).isZero();
        assertThat(harness.count("""
                SELECT count(*) FROM usage_event_conflict
                WHERE tenant = 'conflict-co' AND id = 'req-1' AND (payload -> 'output_tokens')::bigint = 999999
                  AND fingerprint <> kept_fingerprint""")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM usage_event_conflict WHERE tenant = 'conflict-co'")).isEqualTo(1);
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of("conflict-co"));
        }
    }

    @Test
    void crashAfterTheDatabaseCommitAndBeforeTheOffsetCommitCountsNothingTwice() throws Exception {
        double duplicatesBefore = meters.counter("ingest.events.duplicate").count();
        TestEvents events = new TestEvents(4);
        crashesArmed.set(1);
        for (int i = 0; i < 500; i++) {
            harness.send("crash-co", events.event("crash-co", "req-" + i));
        }
        harness.awaitConsumed();

        assertThat(crashes).hasValue(1);
        assertThat(meters.counter("ingest.events.duplicate").count() - duplicatesBefore)
                .as("the crashed batch was redelivered to a restarted consumer")
                .isPositive();
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'crash-co'")).isEqualTo(500);
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of("crash-co"));
        }
    }

    private static long expectedTokens(List<String[]> events) {
        long sum = 0;
        for (String[] event : events) {
            sum += number(event[1], "inputTokens") + number(event[1], "outputTokens");
        }
        return sum;
    }

    private static long number(String json, String field) {
        var matcher = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
