package dev.tokenmeter.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.tokenmeter.event.RecordedVerdicts.Input;
import dev.tokenmeter.event.RecordedVerdicts.Line;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The reader reads a record's bytes straight into the event; before, it built a Jackson tree of the record and validated
 * that. Both must give every record the same result: the same event, or the same violations in the same order (hence the
 * same dead-letter reason and detail). The verdicts of the reader as of commit b58f886 (the tree and its validator) were
 * recorded once, input by input, in {@value RecordedVerdicts#RESOURCE} beside this class; each test generates its family of
 * inputs again and requires, input for input, the recorded input and the recorded verdict, from both the streaming and the
 * tree path of today's reader. The families are every case of the reader's and the schema's tests, every contract field
 * with values of every JSON type and edge, repeated names, every prefix of a record cut short, malformed JSON of many
 * kinds, times of many shapes, CloudEvents and HTTP items, late arrivals, and records mutated at random from a fixed seed.
 *
 * <p>A missing file, a family with fewer (or more) recorded inputs than generated, or an input that is not the recorded
 * one fails the test: re-record then. <b>Recording:</b> {@code ./mvnw -o -pl core verify -Dtest=StreamingReaderParityTest
 * -Dtokenmeter.parity.record=true} writes the file from the reader as it is now (the checks are skipped in that run; run
 * again without the flag to check). That replaces the b58f886 reference by the current reader, so it is for a reviewed,
 * intentional change of a verdict only; review the diff of the decompressed file ({@code zcat}) in the same commit. One
 * line carries a note the checks ignore: on {@code 1e99999999999} the b58f886 reader threw (and stalled its batch), so
 * its line holds the malformed_json verdict given since 14e1eb2; a recording from the reader drops that note.
 */
class StreamingReaderParityTest {

    static final Instant NOW = EventReaderTest.NOW;
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String RECORD = "tokenmeter.parity.record";
    static final boolean RECORDING = Boolean.getBoolean(RECORD);
    final EventReader reader = new EventReader(EventLimits.DEFAULT, CLOCK);

    /** Every family of inputs, in the order of the file. */
    static final Map<String, Callable<List<Input>>> FAMILIES = new LinkedHashMap<>();
    static {
        FAMILIES.put("readerAndSchemaCases", StreamingReaderParityTest::readerAndSchemaCases);
        FAMILIES.put("fieldValues", StreamingReaderParityTest::fieldValues);
        FAMILIES.put("repeatedNames", StreamingReaderParityTest::repeatedNames);
        FAMILIES.put("prefixes", StreamingReaderParityTest::prefixes);
        FAMILIES.put("malformed", StreamingReaderParityTest::malformed);
        FAMILIES.put("times", StreamingReaderParityTest::times);
        FAMILIES.put("cloudEventsAndHttpItems", StreamingReaderParityTest::cloudEventsAndHttpItems);
        FAMILIES.put("arrivedLongAgo", StreamingReaderParityTest::arrivedLongAgo);
        FAMILIES.put("randomMutations", StreamingReaderParityTest::randomMutations);
    }

    private static @Nullable Map<String, List<Line>> recorded;

    @Test
    void everyCaseOfTheReaderAndSchemaTestsGetsTheRecordedVerdict() throws Exception {
        assertAsRecorded("readerAndSchemaCases");
    }

    @Test
    void everyFieldWithValuesOfEveryTypeAndEdgeGetsTheRecordedVerdict() throws Exception {
        assertAsRecorded("fieldValues");
    }

    @Test
    void repeatedNamesGetTheRecordedVerdict() throws Exception {
        assertAsRecorded("repeatedNames");
    }

    @Test
    void everyPrefixOfARecordCutShortGetsTheRecordedVerdict() throws Exception {
        assertAsRecorded("prefixes");
    }

    @Test
    void malformedAndUnusualJsonGetsTheRecordedVerdict() throws Exception {
        assertAsRecorded("malformed");
    }

    @Test
    void timesOfManyShapesGetTheRecordedVerdict() throws Exception {
        assertAsRecorded("times");
    }

    @Test
    void cloudEventsAndHttpItemsGetTheRecordedVerdict() throws Exception {
        assertAsRecorded("cloudEventsAndHttpItems");
    }

    @Test
    void recordsThatArrivedLongAgoGetTheRecordedVerdict() throws Exception {
        assertAsRecorded("arrivedLongAgo");
    }

    @Test
    void randomlyMutatedRecordsGetTheRecordedVerdict() throws Exception {
        assertAsRecorded("randomMutations");
        assertThat(recorded().get("randomMutations")).as("some mutations leave a valid event")
                .anyMatch(line -> line.verdict() instanceof ParseResult.Valid);
    }

    @Test
    void theFileHoldsEveryFamilyTheTestGeneratesAndNoOther() throws Exception {
        assumeFalse(RECORDING, "recording");
        assertThat(recorded().keySet()).as("families recorded in " + RecordedVerdicts.RESOURCE)
                .containsExactlyElementsOf(FAMILIES.keySet());
        int generated = 0;
        for (Callable<List<Input>> family : FAMILIES.values()) {
            generated += family.call().size();
        }
        assertThat(recorded().values().stream().mapToInt(List::size).sum()).as("recorded inputs").isEqualTo(generated);
    }

    /** Writes the file anew; only with {@code -Dtokenmeter.parity.record=true} (see the class Javadoc). */
    @Test
    @EnabledIfSystemProperty(named = RECORD, matches = "true")
    void recordsTheVerdictsWhenAskedTo() throws Exception {
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, Callable<List<Input>>> family : FAMILIES.entrySet()) {
            List<Input> inputs = family.getValue().call();
            for (int i = 0; i < inputs.size(); i++) {
                lines.add(current(family.getKey(), i, inputs.get(i)));
            }
        }
        Path file = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
                .resolve("src/test/resources/dev/tokenmeter/event/" + RecordedVerdicts.RESOURCE);
        RecordedVerdicts.write(file, lines);
        System.out.printf("recorded %d verdicts in %s%n", lines.size(), file);
        assertThat(lines).isNotEmpty();
    }

    /** Today's reader's verdict of one input, for recording; its streaming and tree paths must agree. */
    private Line current(String family, int index, Input input) {
        if (input.owner() != null) {
            return new Line(family, index, input, reader.read(EventReader.JSON.readTree(input.record()), input.owner()), null);
        }
        ParseResult streaming = reader.read(input.record(), input.arrived());
        ParseResult tree = reader.readWithTree(input.record(), input.arrived());
        assertThat(tree).as("the tree path's verdict of input #%d of %s: %s", index, family, input.shown()).isEqualTo(streaming);
        return new Line(family, index, input, streaming, null);
    }

    private static Map<String, List<Line>> recorded() {
        Map<String, List<Line>> lines = recorded;
        if (lines == null) {
            lines = RecordedVerdicts.load();
            if (lines == null) {
                return fail("no recorded verdicts: %s is not on the class path beside %s (record them: see the class Javadoc)",
                        RecordedVerdicts.RESOURCE, StreamingReaderParityTest.class.getName());
            }
            recorded = lines;
        }
        return lines;
    }

    /**
     * Generates the family's inputs and requires, input for input, the recorded input and verdict; fails on the first that
     * differs, naming it and both answers, and when the file holds fewer or more inputs of the family than generated.
     */
    private void assertAsRecorded(String family) throws Exception {
        assumeFalse(RECORDING, "recording");
        List<Input> inputs = FAMILIES.get(family).call();
        List<Line> lines = recorded().getOrDefault(family, List.of());
        for (int i = 0; i < Math.min(inputs.size(), lines.size()); i++) {
            Input input = inputs.get(i);
            Line line = lines.get(i);
            if (!line.sameInput(input)) {
                fail("input #%d of %s is not the recorded one (the test's inputs changed: re-record, see the class Javadoc)%n"
                        + "  generated: %s%n  recorded:  %s", i, family, input.shown(), line.input().shown());
            }
            if (input.owner() != null) {
                assertSameVerdict(line, reader.read(EventReader.JSON.readTree(input.record()), input.owner()), "HTTP item reader");
            } else {
                assertSameVerdict(line, reader.read(input.record(), input.arrived()), "streaming reader");
                assertSameVerdict(line, reader.readWithTree(input.record(), input.arrived()), "tree reader");
            }
        }
        assertThat(lines.size()).as("inputs of %s recorded in %s (the test generates %d)", family, RecordedVerdicts.RESOURCE,
                inputs.size()).isEqualTo(inputs.size());
    }

    private static void assertSameVerdict(Line line, ParseResult actual, String path) {
        if (!actual.equals(line.verdict())) {
            fail("input #%d of %s gets another verdict than the recorded one%n  input:    %s%n  recorded: %s%n  %s: %s", line.index(),
                    line.family(), line.input().shown(), RecordedVerdicts.spelled(line.verdict()), path, RecordedVerdicts.spelled(actual));
        }
    }

    static List<Input> readerAndSchemaCases() throws Exception {
        List<Input> inputs = new ArrayList<>();
        for (SchemaParityTest.Case c : SchemaParityTest.cases()) {
            inputs.add(Input.of(c.json()));
        }
        return inputs;
    }

    static List<Input> fieldValues() {
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
        return texts(inputs);
    }

    static List<Input> repeatedNames() {
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
        return texts(inputs);
    }

    static List<Input> prefixes() {
        List<String> inputs = new ArrayList<>();
        for (String record : List.of(EventReaderTest.VALID, cloudEvent())) {
            for (int end = 0; end <= record.length(); end++) {
                inputs.add(record.substring(0, end));
            }
        }
        return texts(inputs);
    }

    static List<Input> malformed() {
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
        List<Input> records = new ArrayList<>(texts(inputs));
        byte[] bytes = EventReaderTest.VALID.getBytes(StandardCharsets.UTF_8);
        for (String field : List.of("\"u_42\"", "\"somethingNew\"")) {
            // Not UTF-8: a lone continuation byte inside a known field's string and inside an unknown field's name.
            String marked = EventReaderTest.VALID.replace(field, field.substring(0, 2) + "#" + field.substring(2));
            byte[] broken = marked.getBytes(StandardCharsets.UTF_8);
            broken[marked.indexOf('#')] = (byte) 0x80;
            records.add(Input.of(broken));
        }
        byte[] truncatedUtf8 = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, truncatedUtf8, 0, bytes.length);
        truncatedUtf8[bytes.length] = (byte) 0xC3;
        records.add(Input.of(truncatedUtf8));
        return records;
    }

    static List<Input> times() {
        List<String> inputs = new ArrayList<>();
        for (String time : RfcTimes.shapes()) {
            inputs.add(withTop("time", "\"" + time + "\""));
        }
        return texts(inputs);
    }

    static List<Input> cloudEventsAndHttpItems() {
        List<Input> inputs = new ArrayList<>(texts(List.of(cloudEvent(), cloudEvent().replace("\"specversion\":\"1.0\",", ""),
                cloudEvent().replace("\"specversion\":\"1.0\"", "\"specversion\":null"),
                cloudEvent().replace("\"subject\":\"acme\"", "\"subject\":5"),
                cloudEvent().replace("\"data\":{", "\"data\":{\"tenant\":\"other\",\"id\":\"inner\","))));
        for (String json : List.of(EventReaderTest.VALID, EventReaderTest.VALID.replace("\"tenant\":\"acme\",", ""),
                EventReaderTest.VALID.replace("\"tenant\":\"acme\"", "\"tenant\":5"),
                EventReaderTest.VALID.replace("\"tenant\":\"acme\"", "\"tenant\":null"), cloudEvent())) {
            for (String owner : List.of("acme", "globex")) {
                inputs.add(new Input(json.getBytes(StandardCharsets.UTF_8), NOW, owner));
            }
        }
        return inputs;
    }

    static List<Input> arrivedLongAgo() {
        byte[] fortyDaysOld = EventReaderTest.VALID.replace("2026-11-23T10:15:30.123Z", "2026-10-14T12:00:00Z")
                .getBytes(StandardCharsets.UTF_8);
        List<Input> inputs = new ArrayList<>();
        for (Duration ago : List.of(Duration.ZERO, Duration.ofDays(6), Duration.ofDays(30), Duration.ofDays(-30))) {
            inputs.add(new Input(fortyDaysOld, NOW.minus(ago), null));
        }
        return inputs;
    }

    /** Records mutated at random, from a fixed seed so the inputs are the same in every run. */
    static List<Input> randomMutations() {
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
        return texts(inputs);
    }

    private static List<Input> texts(List<String> inputs) {
        return inputs.stream().map(Input::of).toList();
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
