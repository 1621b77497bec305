package dev.tokenmeter.client.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.client.UsageEventBuilder;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProviderUsageTest {

    private static final Map<String, Function<JsonNode, ProviderCall>> MAPPERS = Map.of(
            "openai-chat-completions", ProviderUsage::openAiChatCompletion,
            "openai-responses", ProviderUsage::openAiResponse,
            "anthropic-messages", ProviderUsage::anthropicMessage,
            "gemini-generate-content", ProviderUsage::geminiGenerateContent);

    static Stream<JsonNode> cases() {
        return Fixtures.expectedCases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyFixtureMapsToTheExpectedContractFields(JsonNode expected) {
        ProviderCall call = MAPPERS.get(expected.path("mapper").stringValue())
                .apply(Fixtures.read(expected.path("fixture").stringValue()));

        JsonNode usage = expected.path("usage");
        assertThat(call).isEqualTo(new ProviderCall(
                expected.path("provider").stringValue(), expected.path("endpoint").stringValue(),
                expected.path("model").stringValue(), expected.path("responseId").stringValue(),
                new Usage(usage.path("inputTokens").longValue(), usage.path("cachedInputTokens").longValue(),
                        usage.path("cacheWriteTokens").longValue(), usage.path("outputTokens").longValue(),
                        usage.path("reasoningTokens").longValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyMappedFixtureIsAValidEvent(JsonNode expected) {
        ProviderCall call = MAPPERS.get(expected.path("mapper").stringValue())
                .apply(Fixtures.read(expected.path("fixture").stringValue()));

        UsageEvent event = UsageEventBuilder.forTenant("acme").call(call).build();

        assertThat(event.usage()).isEqualTo(call.usage());
        assertThat(event.model()).isEqualTo(call.model());
    }

    @Test
    void fixturesCoverCacheReadsCacheWritesAndReasoningOfEveryProvider() {
        List<JsonNode> cases = Fixtures.expectedCases();
        for (String provider : List.of("openai", "anthropic", "google")) {
            Stream<Usage> usages = cases.stream()
                    .filter(c -> c.path("provider").stringValue().equals(provider))
                    .map(c -> MAPPERS.get(c.path("mapper").stringValue()).apply(Fixtures.read(c.path("fixture").stringValue())).usage());
            List<Usage> all = usages.toList();
            assertThat(all).as(provider + " cache reads").anyMatch(u -> u.cachedInputTokens() > 0);
            assertThat(all).as(provider + " reasoning").anyMatch(u -> u.reasoningTokens() > 0);
        }
        assertThat(cases).as("Anthropic cache writes")
                .anyMatch(c -> c.path("usage").path("cacheWriteTokens").longValue() > 0);
    }

    @Test
    void openAiCachedTokensStayInsideTheInput() {
        Usage usage = ProviderUsage.openAiChatCompletion(Fixtures.read("openai-chat-completion-cached.json")).usage();

        assertThat(usage.inputTokens()).isEqualTo(2006);
        assertThat(usage.uncachedInputTokens()).isEqualTo(2006 - 1920);
    }

    @Test
    void anthropicInputAddsCacheReadsAndWritesToInputTokens() {
        JsonNode body = Fixtures.read("anthropic-message-thinking.json");
        JsonNode raw = body.path("usage");

        Usage usage = ProviderUsage.anthropicMessage(body).usage();

        assertThat(usage.inputTokens()).isEqualTo(raw.path("input_tokens").longValue()
                + raw.path("cache_read_input_tokens").longValue() + raw.path("cache_creation_input_tokens").longValue());
        assertThat(usage.cachedInputTokens()).isEqualTo(raw.path("cache_read_input_tokens").longValue());
        assertThat(usage.cacheWriteTokens()).isEqualTo(raw.path("cache_creation_input_tokens").longValue());
        assertThat(usage.uncachedInputTokens()).isEqualTo(raw.path("input_tokens").longValue());
    }

    @Test
    void geminiThoughtsAreOutputAndTheTotalsAddUp() {
        for (String fixture : List.of("gemini-thinking.json", "gemini-cached.json", "gemini-tool-use.json")) {
            JsonNode body = Fixtures.read(fixture);

            Usage usage = ProviderUsage.geminiGenerateContent(body).usage();

            JsonNode raw = body.path("usageMetadata");
            assertThat(usage.outputTokens()).isEqualTo(raw.path("candidatesTokenCount").longValue()
                    + raw.path("thoughtsTokenCount").longValue());
            assertThat(usage.totalTokens()).as(fixture).isEqualTo(raw.path("totalTokenCount").longValue());
        }
    }

    @Test
    void aBodyWithoutUsageIsRefusedWithAHint() {
        JsonNode streamedChunk = JsonMapper.builder().build()
                .readTree("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[]}");

        assertThatThrownBy(() -> ProviderUsage.openAiChatCompletion(streamedChunk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stream_options.include_usage");
    }

    @Test
    void aCountThatIsNotANonNegativeIntegerIsRefused() {
        JsonNode body = JsonMapper.builder().build()
                .readTree("{\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":\"12\",\"output_tokens\":3}}");

        assertThatThrownBy(() -> ProviderUsage.anthropicMessage(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input_tokens");
    }

    @Test
    void absentDetailObjectsCountAsZero() {
        JsonNode body = JsonMapper.builder().build()
                .readTree("{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}");

        assertThat(ProviderUsage.openAiChatCompletion(body).usage()).isEqualTo(new Usage(10, 0, 0, 5, 0));
    }

    @Test
    void bedrockConverseInputAddsTheCacheReadsAndWritesItExcludes() {
        ProviderCall call = ProviderUsage.bedrockConverse("us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                Fixtures.read("bedrock-converse-cached.json"));

        assertThat(call).isEqualTo(new ProviderCall("bedrock", "converse", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", null,
                new Usage(37 + 2048 + 2048, 2048, 2048, 142, 0)));
        assertThat(call.usage().totalTokens()).as("the response's own totalTokens").isEqualTo(4275);
    }

    @Test
    void bedrockConverseWithoutCachingIsTakenAsItIs() {
        ProviderCall call = ProviderUsage.bedrockConverse("amazon.nova-pro-v1:0", Fixtures.read("bedrock-converse.json"));

        assertThat(call.usage()).isEqualTo(new Usage(412, 0, 0, 96, 0));
        assertThat(UsageEventBuilder.forTenant("acme").call(call).build().model()).isEqualTo("amazon.nova-pro-v1:0");
    }
}
