package dev.tokenmeter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reader reads a record's bytes straight into the event; before, it built a Jackson tree of the
 * record and validated that ({@link TreeValidatorAtB58f886}, kept verbatim). Both must give every record
 * the same result: the same event, or the same violations in the same order (hence the same
 * dead-letter reason and detail). The inputs are every case of the reader's and the schema's tests,
 * every contract field with values of every JSON type and edge, repeated names, every prefix of a
 * record cut short, and malformed JSON of many kinds.
 */
class StreamingReaderParityTest {

    static final Instant NOW = EventReaderTest.NOW;
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    final EventReader reader = new EventReader(EventLimits.DEFAULT, CLOCK);

    /** The reader as of commit b58f886: a tree of the record, then the tree validator. */
    static ParseResult referenceRead(byte[] record, Instant arrived) {
        EventLimits limits = EventLimits.DEFAULT;
        if (record.length > limits.maxRecordBytes()) {
            return invalid("$", Reason.TOO_LARGE, "record is " + record.length + " bytes, the limit is " + limits.maxRecordBytes());
        }
        JsonNode node;
        try {
            node = EventReader.JSON.readTree(record);
        } catch (JacksonException e) {
            return invalid("$", Reason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        return referenceRead(node, null, arrived);
    }

    static ParseResult referenceRead(@Nullable JsonNode node, @Nullable String ownerTenant, Instant arrived) {
        if (node == null || !node.isObject()) {
            return invalid("$", Reason.MALFORMED_JSON, "a usage event must be a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        ObjectNode event = node.has("specversion") ? CloudEvents.unwrap((ObjectNode) node, violations) : (ObjectNode) node;
        if (ownerTenant != null) {
            JsonNode tenant = event.get("tenant");
            if (tenant == null || tenant.isNull()) {
                event = event.deepCopy();
                event.put("tenant", ownerTenant);
            } else if (!ownerTenant.equals(tenant.asString())) {
                violations.add(new Violation("tenant", Reason.TENANT_MISMATCH, "the ingest key belongs to tenant '" + ownerTenant + "'"));
            }
        }
        UsageEvent parsed = new TreeValidatorAtB58f886(event, violations, EventLimits.DEFAULT, NOW, arrived).validate();
        return violations.isEmpty() && parsed != null ? new ParseResult.Valid(parsed) : new ParseResult.Invalid(violations);
    }

    private static ParseResult invalid(String field, Reason reason, String message) {
        return new ParseResult.Invalid(List.of(new Violation(field, reason, message)));
    }

    @Test
    void everyCaseOfTheReaderAndSchemaTestsGetsTheVerdictItGotFromTheTree() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (SchemaParityTest.Case c : SchemaParityTest.cases()) {
            inputs.add(c.json());
        }
        assertSameAsBefore(inputs);
    }

    @Test
    void everyFieldWithValuesOfEveryTypeAndEdgeGetsTheVerdictItGotFromTheTree() {
        List<String> inputs = new ArrayList<>();
        for (String field : List.of("id", "tenant", "time", "provider", "model", "endpoint", "project", "apiKey", "user", "status",
                "error", "latencyMs", "usage", "costUsd", "tags", "serviceTier", "somethingNew")) {
            for (String value : values()) {
                inputs.add(withTop(field, value));
            }
        }
        for (String field : List.of("inputTokens", "cachedInputTokens", "cacheWriteTokens", "outputTokens", "reasoningTokens", "units")) {
            for (String value : values()) {
                inputs.add(withTop("usage", "{\"inputTokens\":1200,\"outputTokens\":300,\"" + field + "\":" + value + "}"));
            }
        }
        for (String value : values()) {
            inputs.add(withTop("error", "{\"type\":" + value + ",\"message\":" + value + "}"));
            inputs.add(withTop("tags", "{\"env\":" + value + ",\"k\":\"v\"}"));
            inputs.add(withTop("usage", "{\"units\":{\"images\":" + value + ",\"bad key\":1}}"));
        }
        for (String key : List.of("", "a", "a.b-c_d", "bad key", "é", "x".repeat(64), "x".repeat(65), "a\\u0000b")) {
            inputs.add(withTop("tags", "{\"" + key + "\":\"v\"}"));
            inputs.add(withTop("usage", "{\"units\":{\"" + key + "\":3}}"));
        }
        inputs.add(withTop("tags", "{" + numbered("k", "\"v\"", 16) + "}"));
        inputs.add(withTop("tags", "{" + numbered("k", "\"v\"", 17) + "}"));
        inputs.add(withTop("usage", "{\"units\":{" + numbered("u", "1", 16) + "}}"));
        inputs.add(withTop("usage", "{\"units\":{" + numbered("u", "1", 17) + "}}"));
        assertSameAsBefore(inputs);
    }

    @Test
    void repeatedNamesGetTheVerdictTheyGotFromTheTree() {
        String valid = EventReaderTest.VALID.strip();
        String body = valid.substring(1, valid.length() - 1);
        List<String> inputs = new ArrayList<>();
        for (String field : List.of("id", "tenant", "time", "provider", "model", "status", "error", "latencyMs", "usage", "costUsd",
                "tags", "serviceTier", "specversion", "other")) {
            for (String value : List.of("\"x\"", "null", "{}", "5", "[1]", "{\"inputTokens\":5}")) {
                inputs.add("{\"" + field + "\":" + value + "," + body + "}");
                inputs.add("{" + body + ",\"" + field + "\":" + value + "}");
            }
        }
        inputs.add(withTop("tags", "{\"env\":\"a\",\"k\":\"v\",\"env\":5}"));
        inputs.add(withTop("tags", "{\"env\":5,\"k\":\"v\",\"env\":\"a\"}"));
        inputs.add(withTop("usage", "{\"inputTokens\":10,\"inputTokens\":-1,\"units\":{\"a\":1,\"a\":-1},\"units\":{\"b\":2}}"));
        inputs.add(withTop("error", "{\"type\":\"a\",\"type\":null}"));
        assertSameAsBefore(inputs);
    }

    @Test
    void everyPrefixOfARecordCutShortGetsTheVerdictItGotFromTheTree() {
        List<String> inputs = new ArrayList<>();
        for (String record : List.of(EventReaderTest.VALID, cloudEvent())) {
            for (int end = 0; end <= record.length(); end++) {
                inputs.add(record.substring(0, end));
            }
        }
        assertSameAsBefore(inputs);
    }

    @Test
    void malformedAndUnusualJsonGetsTheVerdictItGotFromTheTree() {
        String valid = EventReaderTest.VALID.strip();
        List<String> inputs = new ArrayList<>(List.of("", " ", "null", "5", "\"event\"", "[]", "[1,}", "{}", "{} {}",
                valid + " ", valid + " x", valid + "{}", valid + "]", valid + valid, "\uFEFF" + valid,
                valid.replace("\"somethingNew\":true", "\"somethingNew\":[1,{\"a\":[true,null,1.5e3]}]"),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":/* c */true"),
                valid.replace("\"somethingNew\":true", "'somethingNew':true"),
                valid.replace("\"somethingNew\":true", "somethingNew:true"),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":NaN"),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":012"),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":+1"),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":.5"),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":1e99999999999"),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":\"tab\there\""),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":\"bad \\q escape\""),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":" + "[".repeat(2000) + "]".repeat(2000)),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":" + "{\"a\":".repeat(600) + "1" + "}".repeat(600)),
                valid.replace("\"somethingNew\":true", "\"somethingNew\":\"" + "x".repeat(60 * 1024) + "\""),
                valid.replace("\"somethingNew\":true", "\"padding\":\"" + "x".repeat(70 * 1024) + "\""),
                valid.replace("\"latencyMs\":812", "\"latencyMs\":" + "9".repeat(1200)),
                valid.replace(",", " , ").replace(":", " : ")));
        List<byte[]> records = new ArrayList<>(inputs.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
        byte[] bytes = EventReaderTest.VALID.getBytes(StandardCharsets.UTF_8);
        for (String field : List.of("\"u_42\"", "\"somethingNew\"")) {
            // Not UTF-8: a lone continuation byte inside a known field's string and inside an unknown field's name.
            String marked = EventReaderTest.VALID.replace(field, field.substring(0, 2) + "#" + field.substring(2));
            byte[] broken = marked.getBytes(StandardCharsets.UTF_8);
            broken[marked.indexOf('#')] = (byte) 0x80;
            records.add(broken);
        }
        byte[] truncatedUtf8 = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, truncatedUtf8, 0, bytes.length);
        truncatedUtf8[bytes.length] = (byte) 0xC3;
        records.add(truncatedUtf8);
        records.forEach(this::assertSameAsBefore);
        assertThat(numbersPastTheLimits).as("records whose number the tree reader threw on").isEqualTo(1);
    }

    @Test
    void timesOfManyShapesGetTheVerdictTheyGotFromTheTree() {
        List<String> inputs = new ArrayList<>();
        for (String time : RfcTimes.shapes()) {
            inputs.add(withTop("time", "\"" + time + "\""));
        }
        assertSameAsBefore(inputs);
    }

    @Test
    void cloudEventsAndHttpItemsGetTheVerdictTheyGotFromTheTree() throws Exception {
        List<String> inputs = new ArrayList<>(List.of(cloudEvent(), cloudEvent().replace("\"specversion\":\"1.0\",", ""),
                cloudEvent().replace("\"specversion\":\"1.0\"", "\"specversion\":null"),
                cloudEvent().replace("\"subject\":\"acme\"", "\"subject\":5"),
                cloudEvent().replace("\"data\":{", "\"data\":{\"tenant\":\"other\",\"id\":\"inner\",")));
        assertSameAsBefore(inputs);
        for (String json : List.of(EventReaderTest.VALID, EventReaderTest.VALID.replace("\"tenant\":\"acme\",", ""),
                EventReaderTest.VALID.replace("\"tenant\":\"acme\"", "\"tenant\":5"),
                EventReaderTest.VALID.replace("\"tenant\":\"acme\"", "\"tenant\":null"), cloudEvent())) {
            for (String owner : List.of("acme", "globex")) {
                JsonNode node = EventReader.JSON.readTree(json);
                assertThat(reader.read(node, owner)).as(json + " for " + owner).isEqualTo(referenceRead(node, owner, NOW));
            }
        }
    }

    @Test
    void recordsThatArrivedLongAgoGetTheVerdictTheyGotFromTheTree() {
        byte[] fortyDaysOld = EventReaderTest.VALID.replace("2026-11-23T10:15:30.123Z", "2026-10-14T12:00:00Z")
                .getBytes(StandardCharsets.UTF_8);
        for (Duration ago : List.of(Duration.ZERO, Duration.ofDays(6), Duration.ofDays(30), Duration.ofDays(-30))) {
            Instant arrived = NOW.minus(ago);
            assertThat(reader.read(fortyDaysOld, arrived)).isEqualTo(referenceRead(fortyDaysOld, arrived));
        }
    }

    @Test
    void randomlyMutatedRecordsGetTheVerdictTheyGotFromTheTree() {
        Random random = new Random(20261206);
        String alphabet = "{}[]:,\"\\ 0123456789.-+eEtrufalsn\u0000xé";
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder record = new StringBuilder(i % 2 == 0 ? EventReaderTest.VALID : cloudEvent());
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(record.length());
                switch (random.nextInt(3)) {
                    case 0 -> record.deleteCharAt(at);
                    case 1 -> record.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> record.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            inputs.add(record.toString());
        }
        assertSameAsBefore(inputs);
        assertThat(inputs.stream().filter(json -> reader.read(json.getBytes(StandardCharsets.UTF_8)) instanceof ParseResult.Valid))
                .as("some mutations leave a valid event").isNotEmpty();
    }

    private void assertSameAsBefore(List<String> inputs) {
        for (String input : inputs) {
            assertSameAsBefore(input.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void assertSameAsBefore(byte[] record) {
        String shown = new String(record, 0, Math.min(record.length, 300), StandardCharsets.UTF_8);
        ParseResult before;
        try {
            before = referenceRead(record, NOW);
        } catch (NumberFormatException e) {
            // The tree reader threw (a number past Jackson's limits) and stalled its batch; now it is malformed JSON.
            assertThat(reader.read(record, NOW)).as("streaming: %s", shown).isEqualTo(malformed(e));
            assertThat(reader.readWithTree(record, NOW)).as("tree: %s", shown).isEqualTo(malformed(e));
            numbersPastTheLimits++;
            return;
        }
        assertThat(reader.read(record, NOW)).as("streaming: %s", shown).isEqualTo(before);
        assertThat(reader.readWithTree(record, NOW)).as("tree: %s", shown).isEqualTo(before);
    }

    private int numbersPastTheLimits;

    private static ParseResult malformed(NumberFormatException e) {
        return invalid("$", Reason.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
    }

    /** Edge values of every JSON type, as JSON text. */
    static List<String> values() {
        return List.of("\"x\"", "\"\"", "\"a\\u0000b\"", "\"é😀\"", "\"" + "x".repeat(64) + "\"", "\"" + "x".repeat(65) + "\"",
                "\"" + "x".repeat(128) + "\"", "\"" + "é".repeat(129) + "\"", "\"" + "x".repeat(257) + "\"",
                "\"" + "x".repeat(1001) + "\"", "\"2026-11-23T10:15:30.123Z\"", "\"error\"", "\"batch\"", "\"BATCH\"", "\"flex\"",
                "\"5\"", "0", "-0", "-1", "5", "812", "3600000", "3600001", "1000000", "1000000000000", "1000000000001",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
                "1.5", "1.0", "-0.0", "1e3", "1E+2", "5e-1", "0.000321", "0.00000000000050", "0.00000000000049", "1000000.01",
                "1e-400", "true", "false", "null", "[]", "[1,\"a\",{}]", "{}", "{\"a\":1}", "{\"type\":\"t\",\"message\":\"m\"}",
                "{\"inputTokens\":5,\"outputTokens\":7}");
    }

    /** The contract example with one top-level field set to {@code value} (raw JSON), or added when absent. */
    static String withTop(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "\"req_01JD3X9Q\"");
        fields.put("tenant", "\"acme\"");
        fields.put("time", "\"2026-11-23T10:15:30.123Z\"");
        fields.put("provider", "\"openai\"");
        fields.put("model", "\"gpt-4o-mini\"");
        fields.put("status", "\"error\"");
        fields.put("error", "{\"type\":\"rate_limit\",\"message\":\"429 from upstream\"}");
        fields.put("latencyMs", "812");
        fields.put("usage", "{\"inputTokens\":1200,\"cachedInputTokens\":1000,\"outputTokens\":300,\"reasoningTokens\":120}");
        fields.put("tags", "{\"env\":\"prod\"}");
        fields.put(field, value);
        return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    private static String numbered(String prefix, String value, int count) {
        List<String> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add("\"" + prefix + i + "\":" + value);
        }
        return String.join(",", entries);
    }

    private static String cloudEvent() {
        return """
                {"specversion":"1.0","type":"dev.tokenmeter.usage.v1","source":"/svc/bot","id":"req_01JD3X9Q",
                 "time":"2026-11-23T10:15:30.123Z","subject":"acme","datacontenttype":"application/json",
                 "data":{"provider":"openai","model":"gpt-4o-mini","usage":{"inputTokens":1200,"outputTokens":300},
                   "costUsd":0.0003210,"tags":{"env":"prod"},"serviceTier":"flex"}}""";
    }
}
