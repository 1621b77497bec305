package dev.tokenmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.EventLimits;
import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SpanMapperTest {

    static final Instant START = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
    static final byte[] TRACE_ID = HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736");
    static final byte[] SPAN_ID = HexFormat.of().parseHex("00f067aa0ba902b7");

    static OtlpSettings defaults() {
        return defaults(Map.of());
    }

    static OtlpSettings defaults(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tokenmeter.ingest.otlp", OtlpSettings.class);
    }

    static EventReader reader() {
        return new EventReader(new EventLimits(Duration.ofDays(35), Duration.ofMinutes(5), 65_536, Duration.ofDays(7)),
                Clock.systemUTC());
    }

    static UsageEvent event(SpanMapper mapper, SpanFixtures.Case c) {
        ObjectNode node = mapper.map(SpanFixtures.resource(), c.proto(TRACE_ID, SPAN_ID, START));
        assertThat(node).as(c.name() + " is a model call").isNotNull();
        ParseResult result = reader().read(node, "acme");
        assertThat(result).as(c.name() + " " + result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).event();
    }

    static Stream<SpanFixtures.Case> cases() {
        return SpanFixtures.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyInstrumentationsSpanBecomesTheEventItsCallCounts(SpanFixtures.Case c) {
        UsageEvent event = event(new SpanMapper(defaults()), c);
        JsonNode expected = c.expected();
        JsonNode usage = expected.path("usage");

        assertThat(event.id()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736" + "00f067aa0ba902b7");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.time()).isEqualTo(START);
        assertThat(event.latencyMs()).isEqualTo((int) c.durationMs());
        assertThat(event.provider()).isEqualTo(expected.path("provider").asString());
        assertThat(event.model()).isEqualTo(expected.path("model").asString());
        assertThat(event.endpoint()).isEqualTo(expected.path("endpoint").asString());
        assertThat(event.status().code()).isEqualTo(expected.path("status").asString());
        assertThat(event.usage()).isEqualTo(new Usage(usage.path("inputTokens").asLong(), usage.path("cachedInputTokens").asLong(),
                usage.path("cacheWriteTokens").asLong(), usage.path("outputTokens").asLong(), usage.path("reasoningTokens").asLong()));
        assertThat(event.project()).isEqualTo(expected.path("project").asString("support-bot"));
        assertThat(event.user()).isEqualTo(expected.path("user").isMissingNode() ? null : expected.path("user").asString());
        assertThat(event.apiKey()).isEqualTo(expected.path("apiKey").isMissingNode() ? null : expected.path("apiKey").asString());
        assertThat(event.tags()).isEqualTo(Map.of("deployment.environment.name", "prod"));
        if (event.status() != Status.SUCCESS) {
            assertThat(event.error()).isNotNull();
            assertThat(event.error().type()).isEqualTo(expected.path("errorType").asString());
            assertThat(event.error().message()).isEqualTo(c.statusMessage());
        }
    }

    @Test
    void spansThatAreNotModelCallsAreNotEvents() {
        SpanMapper mapper = new SpanMapper(defaults());
        for (SpanFixtures.Case c : SpanFixtures.ignored()) {
            assertThat(mapper.map(SpanFixtures.resource(), c.proto(TRACE_ID, SPAN_ID, START))).as(c.name()).isNull();
        }
    }

    @Test
    void modelCallsThatCannotBeValidEventsAreRefusedByValidationWithAReason() {
        SpanMapper mapper = new SpanMapper(defaults());
        for (SpanFixtures.Case c : SpanFixtures.rejected()) {
            ObjectNode node = mapper.map(SpanFixtures.resource(), c.proto(TRACE_ID, SPAN_ID, START));
            assertThat(node).as(c.name()).isNotNull();
            assertThat(reader().read(node, "acme")).as(c.name()).isInstanceOf(ParseResult.Invalid.class);
        }
    }

    @Test
    void projectUserApiKeyAndTagAttributesAreConfigurable() {
        OtlpSettings settings = defaults(Map.of(
                "tokenmeter.ingest.otlp.project", "app.team",
                "tokenmeter.ingest.otlp.user", "enduser.pseudo.id",
                "tokenmeter.ingest.otlp.api-key", "app.key",
                "tokenmeter.ingest.otlp.tags[0]", "server.address",
                "tokenmeter.ingest.otlp.tags[1]", "gen_ai.request.temperature"));
        SpanFixtures.Case c = SpanFixtures.cases().get(0);
        JsonNode attributes = ((ObjectNode) c.attributes().deepCopy())
                .put("app.team", "search").put("enduser.pseudo.id", "p-9").put("app.key", "key_test_1");
        SpanFixtures.Case custom = new SpanFixtures.Case(c.name(), c.spanName(), c.durationMs(), c.error(), c.statusMessage(),
                attributes, c.parity(), c.expected());

        UsageEvent event = event(new SpanMapper(settings), custom);

        assertThat(List.of(event.project(), event.user(), event.apiKey())).containsExactly("search", "p-9", "key_test_1");
        assertThat(event.tags()).isEqualTo(Map.of("server.address", "api.openai.com", "gen_ai.request.temperature", "0.2"));
    }

    @Test
    void theDocumentedDefaultsNameTheAttributes() {
        OtlpSettings settings = defaults();

        assertThat(settings.project()).containsExactly("tokenmeter.project", "service.name");
        assertThat(settings.user()).containsExactly("tokenmeter.user", "user.id", "enduser.id");
        assertThat(settings.apiKey()).containsExactly("tokenmeter.api_key");
        assertThat(settings.tags()).containsExactly("deployment.environment.name", "deployment.environment");
        assertThat(settings.maxBody().toMegabytes()).isEqualTo(4);
    }
}
