package dev.tokenmeter.client.provider;

import dev.tokenmeter.event.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps provider responses onto the contract's token fields (API.md §1): {@code inputTokens} is
 * every prompt token, cache reads and writes included; {@code cachedInputTokens} the cache reads;
 * {@code cacheWriteTokens} the cache writes; {@code outputTokens} every generated token,
 * reasoning included; {@code reasoningTokens} the reasoning part of it. The providers split these
 * differently, which is the whole point of this class; the README's mapping tables cite their
 * documentation.
 *
 * <p>Each method takes the response body as JSON (non-streamed, or the final object of a stream)
 * and throws {@link IllegalArgumentException} when it has no usage or a count that is not a
 * non-negative integer.
 */
public final class ProviderUsage {

    private ProviderUsage() {
    }

    /**
     * OpenAI Chat Completions ({@code POST /v1/chat/completions}): {@code prompt_tokens} already
     * includes the cached ones, {@code completion_tokens} the reasoning ones. OpenAI reports no
     * cache writes. A streamed completion has usage only with {@code stream_options.include_usage}.
     */
    public static ProviderCall openAiChatCompletion(JsonNode response) {
        JsonNode usage = usage(response, "usage", "an OpenAI chat completion (streamed? set stream_options.include_usage)");
        long input = count(usage, "prompt_tokens");
        long output = count(usage, "completion_tokens");
        return new ProviderCall("openai", "chat.completions", text(response, "model"), text(response, "id"),
                new Usage(input, count(usage.path("prompt_tokens_details"), "cached_tokens"), 0,
                        output, count(usage.path("completion_tokens_details"), "reasoning_tokens")));
    }

    /**
     * OpenAI Responses ({@code POST /v1/responses}): {@code input_tokens} includes the cached
     * ones, {@code output_tokens} the reasoning ones.
     */
    public static ProviderCall openAiResponse(JsonNode response) {
        JsonNode usage = usage(response, "usage", "an OpenAI response");
        return new ProviderCall("openai", "responses", text(response, "model"), text(response, "id"),
                new Usage(count(usage, "input_tokens"), count(usage.path("input_tokens_details"), "cached_tokens"), 0,
                        count(usage, "output_tokens"), count(usage.path("output_tokens_details"), "reasoning_tokens")));
    }

    /**
     * Anthropic Messages ({@code POST /v1/messages}): {@code input_tokens} counts only the tokens
     * after the last cache breakpoint, EXCLUDING cache reads and writes, so the contract's input is
     * {@code input_tokens + cache_read_input_tokens + cache_creation_input_tokens}.
     * {@code output_tokens} includes extended thinking; {@code output_tokens_details.thinking_tokens},
     * where the API reports it, is the reasoning part.
     */
    public static ProviderCall anthropicMessage(JsonNode response) {
        JsonNode usage = usage(response, "usage", "an Anthropic message");
        long cacheRead = count(usage, "cache_read_input_tokens");
        long cacheWrite = count(usage, "cache_creation_input_tokens");
        long output = count(usage, "output_tokens");
        // Anthropic re-tokenizes the raw thinking to count it and promises it never exceeds
        // output_tokens; the clamp keeps the event valid should an estimate ever overshoot.
        long thinking = Math.min(output, count(usage.path("output_tokens_details"), "thinking_tokens"));
        return new ProviderCall("anthropic", "messages", text(response, "model"), text(response, "id"),
                new Usage(count(usage, "input_tokens") + cacheRead + cacheWrite, cacheRead, cacheWrite, output, thinking));
    }

    /**
     * Google Gemini ({@code generateContent}, or the last chunk of {@code streamGenerateContent}):
     * {@code promptTokenCount} includes the cached content; tool-use prompt tokens (results of
     * tools fed back to the model) are input too. {@code candidatesTokenCount} EXCLUDES the
     * thinking tokens, which Gemini bills as output, so the contract's output is
     * {@code candidatesTokenCount + thoughtsTokenCount}. Gemini reports no cache writes (explicit
     * caches are created by a separate call).
     */
    public static ProviderCall geminiGenerateContent(JsonNode response) {
        JsonNode usage = usage(response, "usageMetadata", "a Gemini generateContent response");
        long thoughts = count(usage, "thoughtsTokenCount");
        return new ProviderCall("google", "generateContent", text(response, "modelVersion"), text(response, "responseId"),
                new Usage(count(usage, "promptTokenCount") + count(usage, "toolUsePromptTokenCount"),
                        count(usage, "cachedContentTokenCount"), 0,
                        count(usage, "candidatesTokenCount") + thoughts, thoughts));
    }

    /**
     * Amazon Bedrock Converse ({@code POST /model/{modelId}/converse}, or the {@code metadata} event
     * of {@code ConverseStream}): like Anthropic's, Bedrock's {@code inputTokens} EXCLUDES the
     * prompt-cache reads and writes ({@code totalTokens = inputTokens + outputTokens +
     * cacheReadInputTokens + cacheWriteInputTokens}), so the contract's input is
     * {@code inputTokens + cacheReadInputTokens + cacheWriteInputTokens}. Converse reports no
     * reasoning split and its body names neither the model nor an id (the request id is an HTTP
     * header), so the model is the {@code modelId} the caller invoked (a model id, inference profile
     * id such as {@code us.anthropic.claude-...}, or ARN).
     */
    public static ProviderCall bedrockConverse(String modelId, JsonNode response) {
        JsonNode usage = usage(response, "usage", "a Bedrock Converse response");
        long cacheRead = count(usage, "cacheReadInputTokens");
        long cacheWrite = count(usage, "cacheWriteInputTokens");
        return new ProviderCall("bedrock", "converse", modelId.isBlank() ? null : modelId, null,
                new Usage(count(usage, "inputTokens") + cacheRead + cacheWrite, cacheRead, cacheWrite,
                        count(usage, "outputTokens"), 0));
    }

    private static JsonNode usage(JsonNode response, String field, String what) {
        JsonNode usage = response.get(field);
        if (usage == null || !usage.isObject()) {
            throw new IllegalArgumentException("The body is not " + what + " with a '" + field + "' object");
        }
        return usage;
    }

    /** A token count; absent or null is 0 (providers leave out the counts that do not apply). */
    private static long count(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("'" + field + "' must be a non-negative integer, got " + value);
        }
        return value.longValue();
    }

    private static @Nullable String text(JsonNode response, String field) {
        JsonNode value = response.get(field);
        return value != null && value.isString() && !value.stringValue().isEmpty() ? value.stringValue() : null;
    }
}
