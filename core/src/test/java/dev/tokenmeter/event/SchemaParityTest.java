package dev.tokenmeter.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.jsonschema.JsonSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published usage-event schema and {@link EventReader} give every input the same verdict (valid or
 * not), so a publisher that validates against the schema is never surprised by the service. The inputs
 * are every case of {@link EventReaderTest}, every provider fixture of {@code examples/fixtures} mapped to
 * an event, and boundary probes of each field rule of API.md §1. Rules JSON Schema cannot express are
 * {@link #SCHEMA_CANNOT_EXPRESS listed}, each with its reason, and must still disagree.
 */
class SchemaParityTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonSchemas SCHEMA = JsonSchemas.load("/dev/tokenmeter/event/usage-event.schema.json");
    final EventReader reader = new EventReader(EventLimits.DEFAULT, Clock.fixed(EventReaderTest.NOW, ZoneOffset.UTC));

    /** Case name → why the schema cannot give the reader's verdict. */
    static final Map<String, String> SCHEMA_CANNOT_EXPRESS = Map.of(
            "moreCachedThanInputTokensIsInconsistentUsage", "cross-field: cachedInputTokens <= inputTokens",
            "cacheReadsPlusWritesMayNotExceedInput", "cross-field sum: cachedInputTokens + cacheWriteTokens <= inputTokens",
            "moreReasoningThanOutputTokensIsInconsistentUsage", "cross-field: reasoningTokens <= outputTokens",
            "timesOutsideTheAcceptanceWindowAreTooOldOrInFuture#tooOld", "time window: now - lateWindow, judged at read time",
            "timesOutsideTheAcceptanceWindowAreTooOldOrInFuture#inFuture", "time skew: now + 5 min, judged at read time",
            "tooOldIsJudgedFromWhenTheRecordReachedKafkaWithinTheBacklogGrace#fortyDays", "time window, from the record's arrival",
            "tooOldIsJudgedFromWhenTheRecordReachedKafkaWithinTheBacklogGrace#fiftyDays", "time window, from the record's arrival",
            "recordsOver64KibAreTooLarge", "record size in bytes (64 KiB): JSON Schema sees values, not encoded bytes",
            "httpOwnerFillsInAMissingTenantAndRejectsAnotherOne#otherTenant",
            "the ingest key's tenant is not part of the record");

    record Case(String name, String json, @Nullable String httpOwner) {
        Case(String name, String json) {
            this(name, json, null);
        }
    }

    @TestFactory
    Stream<DynamicTest> theSchemaAndTheReaderGiveEveryCaseTheSameVerdict() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            boolean readerValid = readerValid(c);
            List<String> schemaErrors = schemaErrors(c.json());
            String because = SCHEMA_CANNOT_EXPRESS.get(c.name());
            if (because == null) {
                assertThat(schemaErrors.isEmpty())
                        .as("%s: the reader says %s, the schema says %s", c.name(), readerValid ? "valid" : "invalid",
                                schemaErrors.isEmpty() ? "valid" : schemaErrors)
                        .isEqualTo(readerValid);
            } else {
                assertThat(readerValid).as(c.name() + ": the reader rejects it (" + because + ")").isFalse();
                assertThat(schemaErrors).as(c.name() + ": the schema cannot see it (" + because + ")").isEmpty();
            }
        }));
    }

    @Test
    void everyCaseOfEventReaderTestIsRunThroughTheSchemaToo() throws IOException {
        Set<String> readerTests = Arrays.stream(EventReaderTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(java.lang.reflect.Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = cases().stream().map(c -> c.name().split("#")[0]).collect(Collectors.toCollection(TreeSet::new));

        assertThat(covered).containsAll(readerTests);
        assertThat(SCHEMA_CANNOT_EXPRESS.keySet()).isSubsetOf(cases().stream().map(Case::name).toList());
    }

    private boolean readerValid(Case c) throws JacksonException {
        if (c.httpOwner() != null) {
            return reader.read(EventReader.JSON.readTree(c.json()), c.httpOwner()) instanceof ParseResult.Valid;
        }
        return reader.read(c.json().getBytes(StandardCharsets.UTF_8)) instanceof ParseResult.Valid;
    }

    private static List<String> schemaErrors(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return SCHEMA.validate(node);
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>(readerTestCases());
        cases.addAll(fixtureCases());
        cases.addAll(probes());
        return cases;
    }

    /** The inputs of each {@link EventReaderTest} case, named after its method. */
    static List<Case> readerTestCases() {
        String valid = EventReaderTest.VALID;
        return List.of(
                new Case("readsEveryFieldOfTheContractExample", valid),
                new Case("fillsDefaultsForOptionalFields", """
                        {"id":"a","tenant":"t","time":"2026-11-23T11:00:00+05:30","provider":"p","model":"m"}"""),
                new Case("cloudEventAndPlainFormOfTheSameEventHaveTheSameFingerprint", EventReaderTest.CLOUD_EVENT),
                new Case("anyChangedFieldChangesTheFingerprint", valid.replace("\"outputTokens\":300", "\"outputTokens\":301")),
                new Case("canonicalJsonReadsBackAsTheSameEvent", canonical(valid)),
                new Case("reportsEveryViolationNotJustTheFirst", """
                        {"id":"bad id!","tenant":"ACME","time":"yesterday","model":"","status":"ok",
                         "latencyMs":-1,"usage":{"inputTokens":-5,"outputTokens":1.5},"costUsd":"free",
                         "tags":{"bad key":"x"}}"""),
                new Case("malformedJsonIsNamedSo#truncated", "{\"id\": "),
                new Case("malformedJsonIsNamedSo#array", "[1,2]"),
                new Case("moreCachedThanInputTokensIsInconsistentUsage",
                        valid.replace("\"cachedInputTokens\":1000", "\"cachedInputTokens\":1300")),
                new Case("cacheReadsPlusWritesMayNotExceedInput", valid.replace("\"cacheWriteTokens\":0", "\"cacheWriteTokens\":201")),
                new Case("moreReasoningThanOutputTokensIsInconsistentUsage",
                        valid.replace("\"reasoningTokens\":120", "\"reasoningTokens\":301")),
                new Case("timesOutsideTheAcceptanceWindowAreTooOldOrInFuture#tooOld",
                        valid.replace("2026-11-23T10:15:30.123Z", "2026-10-14T12:00:00Z")),
                new Case("timesOutsideTheAcceptanceWindowAreTooOldOrInFuture#inFuture",
                        valid.replace("2026-11-23T10:15:30.123Z", "2026-11-23T13:00:00Z")),
                new Case("timesOutsideTheAcceptanceWindowAreTooOldOrInFuture#withinSkew",
                        valid.replace("2026-11-23T10:15:30.123Z", "2026-11-23T12:04:59Z")),
                new Case("tooOldIsJudgedFromWhenTheRecordReachedKafkaWithinTheBacklogGrace#fortyDays",
                        valid.replace("2026-11-23T10:15:30.123Z", "2026-10-14T12:00:00Z")),
                new Case("tooOldIsJudgedFromWhenTheRecordReachedKafkaWithinTheBacklogGrace#fiftyDays",
                        valid.replace("2026-11-23T10:15:30.123Z", "2026-10-04T12:00:00Z")),
                new Case("timesAreTruncatedToTheMicrosecondBeforeAnythingElse#nanoseconds",
                        valid.replace("2026-11-23T10:15:30.123Z", "2026-11-22T23:59:59.9999996Z")),
                new Case("timesAreTruncatedToTheMicrosecondBeforeAnythingElse#microseconds",
                        valid.replace("2026-11-23T10:15:30.123Z", "2026-11-22T23:59:59.999999Z")),
                new Case("providerCostsAreRoundedToTheStoredTwelveDecimalsHalfUp", valid.replace("0.000321", "0.00000000000049")),
                new Case("recordsOver64KibAreTooLarge",
                        valid.replace("\"somethingNew\":true", "\"padding\":\"" + "x".repeat(70 * 1024) + "\"")),
                new Case("cloudEventEnvelopeIsChecked", """
                        {"specversion":"0.3","type":"other","id":"x","time":"2026-11-23T10:00:00Z","subject":"acme",
                         "data":{"provider":"p","model":"m"}}"""),
                new Case("httpOwnerFillsInAMissingTenantAndRejectsAnotherOne#kafkaWithoutTenant",
                        valid.replace("\"tenant\":\"acme\",", "")),
                new Case("httpOwnerFillsInAMissingTenantAndRejectsAnotherOne#otherTenant", valid, "globex"));
    }

    private static String canonical(String json) {
        var result = new EventReader(EventLimits.DEFAULT, Clock.fixed(EventReaderTest.NOW, ZoneOffset.UTC))
                .read(json.getBytes(StandardCharsets.UTF_8));
        return new String(EventJson.toBytes(((ParseResult.Valid) result).event()), StandardCharsets.UTF_8);
    }

    /** Each provider response of examples/fixtures as the event its mapper publishes (expected.json). */
    static List<Case> fixtureCases() throws IOException {
        Path expected = fixtures().resolve("expected.json");
        List<Case> cases = new ArrayList<>();
        for (JsonNode fixture : JSON.readTree(Files.readString(expected)).get("cases")) {
            ObjectNode event = JSON.createObjectNode()
                    .put("id", fixture.get("responseId").asString())
                    .put("tenant", "acme")
                    .put("time", "2026-11-23T10:00:00Z")
                    .put("provider", fixture.get("provider").asString())
                    .put("model", fixture.get("model").asString())
                    .put("endpoint", fixture.get("endpoint").asString());
            event.set("usage", fixture.get("usage"));
            cases.add(new Case("fixture " + fixture.get("fixture").asString(), event.toString()));
        }
        assertThat(cases).as("fixtures in " + expected).isNotEmpty();
        return cases;
    }

    private static Path fixtures() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples/fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/fixtures not found above " + Path.of("").toAbsolutePath());
    }

    /** One input on each side of every field rule of API.md §1 that the schema states. */
    static List<Case> probes() {
        String base = """
                {"id":"p1","tenant":"acme","time":"2026-11-23T10:00:00Z","provider":"openai","model":"gpt-4o" %s}""";
        Map<String, String> extra = new java.util.LinkedHashMap<>();
        extra.put("id 128 chars", "");
        extra.put("error type and message", ",\"error\":{\"type\":\"rate_limit\",\"message\":\"slow down\"}");
        extra.put("error type 65 chars", ",\"error\":{\"type\":\"" + "x".repeat(65) + "\"}");
        extra.put("error message 1001 chars", ",\"error\":{\"message\":\"" + "x".repeat(1001) + "\"}");
        extra.put("latency 3600000", ",\"latencyMs\":3600000");
        extra.put("latency 3600001", ",\"latencyMs\":3600001");
        extra.put("latency 1.5", ",\"latencyMs\":1.5");
        extra.put("tokens 10^12", ",\"usage\":{\"inputTokens\":1000000000000}");
        extra.put("tokens 10^12 + 1", ",\"usage\":{\"inputTokens\":1000000000001}");
        extra.put("tokens as a string", ",\"usage\":{\"inputTokens\":\"5\"}");
        extra.put("cost 1000000", ",\"costUsd\":1000000");
        extra.put("cost 1000000.01", ",\"costUsd\":1000000.01");
        extra.put("cost negative", ",\"costUsd\":-0.1");
        extra.put("status timeout", ",\"status\":\"timeout\"");
        extra.put("16 tags", ",\"tags\":{" + tags(16) + "}");
        extra.put("17 tags", ",\"tags\":{" + tags(17) + "}");
        extra.put("tag value 257 chars", ",\"tags\":{\"k\":\"" + "x".repeat(257) + "\"}");
        extra.put("tag value a number", ",\"tags\":{\"k\":5}");
        extra.put("provider 129 chars", "");
        extra.put("empty endpoint", ",\"endpoint\":\"\"");
        extra.put("usage not an object", ",\"usage\":5");
        List<Case> cases = new ArrayList<>();
        extra.forEach((name, fields) -> cases.add(new Case("probe " + name, base.formatted(fields))));
        cases.replaceAll(c -> switch (c.name()) {
            case "probe id 128 chars" -> new Case(c.name(), c.json().replace("\"p1\"", "\"" + "i".repeat(128) + "\""));
            case "probe provider 129 chars" -> new Case(c.name(), c.json().replace("\"openai\"", "\"" + "p".repeat(129) + "\""));
            default -> c;
        });
        cases.add(new Case("probe id 129 chars", base.formatted("").replace("\"p1\"", "\"" + "i".repeat(129) + "\"")));
        cases.add(new Case("probe time without offset", base.formatted("").replace("2026-11-23T10:00:00Z", "2026-11-23T10:00:00")));
        cases.add(new Case("probe NUL in model", base.formatted("").replace("gpt-4o", "gpt\\u00004o")));
        return cases;
    }

    private static String tags(int n) {
        return Stream.iterate(1, i -> i + 1).limit(n).map(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(","));
    }
}
