package dev.tokenmeter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** API.md §4: serviceTier, usage.units and an optional model, each backward compatible. */
class TiersUnitsAndModelLessEventsTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final EventReader reader = new EventReader(EventLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    static final String BASE = """
            {"id":"a","tenant":"t","time":"2026-11-23T11:00:00Z","provider":"openai","model":"gpt-4o-mini\"""";

    @Test
    void anEventWithoutTierOrUnitsIsStandardWithNoUnitsAndKeepsItsCanonicalForm() {
        UsageEvent event = valid(BASE + "}");

        assertThat(event.serviceTier()).isEqualTo(ServiceTier.STANDARD);
        assertThat(event.units()).isEmpty();
        assertThat(EventJson.toNode(event).has("serviceTier")).isFalse();
        assertThat(EventJson.toNode(event).path("usage").has("units")).isFalse();
    }

    @Test
    void tierAndUnitsAreReadAndTakePartInTheFingerprint() {
        UsageEvent event = valid(BASE + """
                ,"serviceTier":"batch","usage":{"inputTokens":10,"units":{"webSearches":3,"images.1024x1024.standard":1}}}""");

        assertThat(event.serviceTier()).isEqualTo(ServiceTier.BATCH);
        assertThat(event.units()).containsExactly(
                java.util.Map.entry("images.1024x1024.standard", 1L), java.util.Map.entry("webSearches", 3L));
        assertThat(reader.read(EventJson.toBytes(event))).isEqualTo(new ParseResult.Valid(event));
        assertThat(EventJson.fingerprint(event)).isNotEqualTo(EventJson.fingerprint(valid(BASE + """
                ,"usage":{"inputTokens":10,"units":{"webSearches":3,"images.1024x1024.standard":1}}}""")));
    }

    @Test
    void anUnknownTierIsASchemaViolation() {
        ParseResult.Invalid invalid = invalid(BASE + ",\"serviceTier\":\"cheap\"}");

        assertThat(invalid.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
        assertThat(invalid.detail()).contains("serviceTier: must be one of standard, batch, flex, priority");
    }

    @Test
    void unitsMustBeAtMostSixteenNamedNonNegativeIntegers() {
        String seventeen = IntStream.range(0, 17).mapToObj(i -> "\"u" + i + "\":1").collect(Collectors.joining(","));

        assertThat(invalid(BASE + ",\"usage\":{\"units\":{" + seventeen + "}}}").violations())
                .extracting(Violation::field).containsExactly("usage.units");
        assertThat(invalid(BASE + ",\"usage\":{\"units\":{\"bad name\":1,\"n\":-1,\"f\":1.5,\"s\":\"2\"}}}").violations())
                .extracting(Violation::field)
                .containsExactlyInAnyOrder("usage.units.bad name", "usage.units.n", "usage.units.f", "usage.units.s");
        assertThat(invalid(BASE + ",\"usage\":{\"units\":[1]}}").violations()).extracting(Violation::field)
                .containsExactly("usage.units");
    }

    @Test
    void anEventWithoutAModelIsAcceptedAndAnEmptyModelIsNot() {
        UsageEvent event = valid("""
                {"id":"w","tenant":"t","time":"2026-11-23T11:00:00Z","provider":"weatherco","endpoint":"forecast",
                 "usage":{"units":{"requests":1}}}""");

        assertThat(event.model()).isNull();
        assertThat(EventJson.toNode(event).has("model")).isFalse();
        assertThat(reader.read(EventJson.toBytes(event))).isEqualTo(new ParseResult.Valid(event));
        assertThat(invalid(BASE.replace("\"gpt-4o-mini\"", "\"\"") + "}").violations()).extracting(Violation::field)
                .containsExactly("model");
    }

    @Test
    void cloudEventsCarryTierAndUnitsInData() {
        UsageEvent event = valid("""
                {"specversion":"1.0","type":"dev.tokenmeter.usage.v1","source":"/svc","id":"c1","time":"2026-11-23T11:00:00Z",
                 "subject":"t","data":{"provider":"openai","model":"gpt-4o-mini","serviceTier":"flex",
                 "usage":{"units":{"webSearches":2}}}}""");

        assertThat(event.serviceTier()).isEqualTo(ServiceTier.FLEX);
        assertThat(event.units()).containsEntry("webSearches", 2L);
    }

    private UsageEvent valid(String json) {
        ParseResult result = reader.read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).event();
    }

    private ParseResult.Invalid invalid(String json) {
        ParseResult result = reader.read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        return (ParseResult.Invalid) result;
    }
}
