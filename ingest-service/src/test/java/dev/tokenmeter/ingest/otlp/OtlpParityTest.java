package dev.tokenmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.client.UsageEventBuilder;
import dev.tokenmeter.client.provider.ProviderCall;
import dev.tokenmeter.client.provider.ProviderUsage;
import dev.tokenmeter.event.UsageEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same call metered two ways gives the same event: its span, mapped by the OTLP ingest, and its
 * provider response, mapped by the usage-client's {@link ProviderUsage}. The fields a response does
 * not carry (id, time, latency, project, tags) are taken from the span-made event; everything the
 * two mappings decide (provider, model, endpoint, every token count) must agree.
 */
class OtlpParityTest {

    static Stream<SpanFixtures.Case> parityCases() {
        return SpanFixtures.cases().stream().filter(c -> !c.parity().isMissingNode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parityCases")
    void aSpanAndTheProviderResponseOfTheSameCallMakeTheSameEvent(SpanFixtures.Case c) {
        UsageEvent fromSpan = SpanMapperTest.event(new SpanMapper(SpanMapperTest.defaults()), c);
        ProviderCall call = mapper(c.parity()).apply(response(c.parity().path("fixture").asString()));

        UsageEventBuilder builder = UsageEventBuilder.forTenant("acme")
                .call(call)
                .id(fromSpan.id())
                .time(fromSpan.time())
                .latency(Duration.ofMillis(fromSpan.latencyMs()))
                .project(fromSpan.project());
        if (fromSpan.user() != null) {
            builder.user(fromSpan.user());
        }
        if (fromSpan.apiKey() != null) {
            builder.apiKey(fromSpan.apiKey());
        }
        fromSpan.tags().forEach(builder::tag);

        assertThat(builder.build()).isEqualTo(fromSpan);
    }

    @Test
    void parityCoversOpenAiAnthropicGeminiAndBedrockWithAndWithoutCaching() {
        List<SpanFixtures.Case> cases = parityCases().toList();
        SpanMapper mapper = new SpanMapper(SpanMapperTest.defaults());
        for (String provider : List.of("openai", "anthropic", "google", "bedrock")) {
            List<UsageEvent> events = cases.stream()
                    .map(c -> SpanMapperTest.event(mapper, c))
                    .filter(e -> e.provider().equals(provider))
                    .toList();
            assertThat(events).as(provider + " with caching")
                    .anyMatch(e -> e.usage().cachedInputTokens() + e.usage().cacheWriteTokens() > 0);
            if (!provider.equals("anthropic")) {
                assertThat(events).as(provider + " without caching")
                        .anyMatch(e -> e.usage().cachedInputTokens() + e.usage().cacheWriteTokens() == 0);
            }
        }
    }

    /** A provider response of {@code examples/fixtures}, the folder the usage-client's mapper tests read. */
    private static JsonNode response(String name) {
        Path fixtures = Path.of(System.getProperty("tokenmeter.fixtures", "../examples/fixtures"));
        return JsonMapper.builder().build().readTree(fixtures.resolve(name).toFile());
    }

    private static Function<JsonNode, ProviderCall> mapper(JsonNode parity) {
        return switch (parity.path("mapper").asString()) {
            case "openai-chat-completions" -> ProviderUsage::openAiChatCompletion;
            case "anthropic-messages" -> ProviderUsage::anthropicMessage;
            case "gemini-generate-content" -> ProviderUsage::geminiGenerateContent;
            case "bedrock-converse" -> body -> ProviderUsage.bedrockConverse(parity.path("modelId").asString(), body);
            default -> throw new IllegalArgumentException("No mapper " + parity.path("mapper"));
        };
    }
}
