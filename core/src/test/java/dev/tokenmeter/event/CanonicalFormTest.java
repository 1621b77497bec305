package dev.tokenmeter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The canonical form is now written field by field and hashed as it is written. Fingerprints are
 * stored with every claimed key and compared with a redelivery's, across restarts and upgrades, so
 * the written form must be byte for byte the tree's form it replaced, for every event.
 */
class CanonicalFormTest {

    final EventReader reader = new EventReader(EventLimits.DEFAULT, Clock.fixed(EventReaderTest.NOW, ZoneOffset.UTC));

    @Test
    void theContractExampleKeepsTheFingerprintItWasStoredWithBeforeTheStreamingWriter() {
        UsageEvent event = ((ParseResult.Valid) reader.read(EventReaderTest.VALID.getBytes(StandardCharsets.UTF_8))).event();

        // Computed by the tree form of commit b58f886 (tokenmeter-core of main before this change).
        assertThat(HexFormat.of().formatHex(EventJson.fingerprint(event))).isEqualTo(VALID_FINGERPRINT_AT_B58F886);
    }

    static final String VALID_FINGERPRINT_AT_B58F886 = "ecd8702ce324d0c0f0ee9d552f5a504a6fe5ec896df3e99b4f90cad2e5064f47";

    @Test
    void everyValidEventOfTheReaderTestsIsWrittenAsItsTreeWas() throws Exception {
        List<UsageEvent> events = new ArrayList<>();
        for (SchemaParityTest.Case c : SchemaParityTest.cases()) {
            if (reader.read(c.json().getBytes(StandardCharsets.UTF_8)) instanceof ParseResult.Valid valid) {
                events.add(valid.event());
            }
        }
        for (String value : StreamingReaderParityTest.values()) {
            for (String field : List.of("costUsd", "project", "latencyMs", "serviceTier")) {
                if (reader.read(StreamingReaderParityTest.withTop(field, value)
                        .getBytes(StandardCharsets.UTF_8)) instanceof ParseResult.Valid valid) {
                    events.add(valid.event());
                }
            }
        }
        assertThat(events).hasSizeGreaterThan(30);
        events.forEach(CanonicalFormTest::assertWrittenAsTheTree);
    }

    @Test
    void eventsWithAnyTextAmountTierAndUnitsAreWrittenAsTheirTreeWas() {
        Random random = new Random(42);
        String[] texts = {"a", "é", "😀", "quote\"d", "back\\slash", "tab\there", "new\nline", "\u0001\u001f\u007f", "\u2028\u2029",
                "</script>", "x".repeat(1000), "日本語"};
        String[] costs = {"50", "0", "1000000", "0.000000000001", "0.000321", "120", "1.5", "5E+1", "123456789.123456789012"};
        for (int i = 0; i < 2000; i++) {
            Map<String, String> tags = new TreeMap<>();
            Map<String, Long> units = new TreeMap<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                tags.put("k" + random.nextInt(20), texts[random.nextInt(texts.length)]);
            }
            for (int u = random.nextInt(3); u > 0; u--) {
                units.put("u" + random.nextInt(20), random.nextLong() & Long.MAX_VALUE);
            }
            String text = texts[random.nextInt(texts.length)];
            BigDecimal cost = random.nextBoolean() ? null : new BigDecimal(costs[random.nextInt(costs.length)]);
            EventError error = random.nextBoolean() ? null : new EventError(random.nextBoolean() ? null : text, text);
            UsageEvent event = new UsageEvent("id-" + i, "t",
                    Instant.ofEpochSecond(1_700_000_000L + random.nextInt(), random.nextInt(1000) * 1000),
                    text, random.nextBoolean() ? null : text, UsageEvent.UNKNOWN_ENDPOINT, random.nextBoolean() ? null : text, text, null,
                    Status.values()[random.nextInt(3)], error, random.nextBoolean() ? null : random.nextInt(3_600_000),
                    new Usage(random.nextInt(1000), 0, 0, random.nextLong() & Long.MAX_VALUE, 0), cost, tags,
                    ServiceTier.values()[random.nextInt(4)], units);
            assertWrittenAsTheTree(event);
        }
    }

    private static void assertWrittenAsTheTree(UsageEvent event) {
        byte[] tree = EventReader.JSON.writeValueAsBytes(EventJson.toNode(event));
        assertThat(new String(EventJson.toBytes(event), StandardCharsets.UTF_8)).isEqualTo(new String(tree, StandardCharsets.UTF_8));
        assertThat(EventJson.toBytes(event)).isEqualTo(tree);
        assertThat(EventJson.fingerprint(event)).isEqualTo(EventJson.fingerprintOfTree(event));
    }
}
