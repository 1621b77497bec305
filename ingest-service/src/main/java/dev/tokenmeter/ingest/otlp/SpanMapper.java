package dev.tokenmeter.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps one span that follows the OpenTelemetry GenAI semantic conventions onto a usage event in the
 * contract's JSON form (API.md §1), without its tenant: the ingest key decides that, and the
 * event reader validates the result exactly as it validates an event sent to {@code /api/v1/events}.
 * The whole mapping lives here, so a new contract field is one line (README "OpenTelemetry").
 *
 * <p>Token attributes: the current names ({@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.cache_read.input_tokens}, ...) win over the legacy and OpenLLMetry ones
 * ({@code gen_ai.usage.prompt_tokens}, {@code gen_ai.usage.cache_read_input_tokens}, ...). The
 * conventions count cache reads and writes inside {@code input_tokens} and reasoning inside
 * {@code output_tokens}, as the contract does; an instrumentation that reports a provider's raw,
 * exclusive count instead (Anthropic's {@code input_tokens}, Gemini's {@code candidatesTokenCount})
 * shows it by reporting more cached than input (or more reasoning than output) tokens, and then the
 * parts are added.
 */
@Component
public final class SpanMapper {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    static final List<String> OPERATION = List.of("gen_ai.operation.name", "llm.request.type");
    static final List<String> PROVIDER = List.of("gen_ai.provider.name", "gen_ai.system");
    static final List<String> MODEL = List.of("gen_ai.response.model", "gen_ai.request.model");
    static final List<String> INPUT = List.of("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
    static final List<String> OUTPUT = List.of("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
    static final List<String> CACHE_READ = List.of("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens");
    static final List<String> CACHE_WRITE = List.of("gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens");
    static final List<String> REASONING = List.of("gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens");
    static final List<String> ERROR_TYPE = List.of("error.type");

    /** Operations that are not a model call: their spans may repeat the usage of the calls they contain. */
    private static final Set<String> NOT_MODEL_CALLS = Set.of(
            "invoke_agent", "create_agent", "execute_tool", "invoke_workflow", "retrieval");

    /** The conventions' provider names, as the contract (and the usage-client's mappers) name them. */
    private static final Map<String, String> PROVIDERS = Map.of(
            "gcp.gemini", "google", "gcp.vertex_ai", "google", "gcp.gen_ai", "google",
            "gemini", "google", "vertex_ai", "google",
            "aws.bedrock", "bedrock", "aws", "bedrock",
            "azure.ai.openai", "azure_openai", "az.ai.openai", "azure_openai");

    /** The API a (provider, operation) calls, named as the usage-client's mappers name it. */
    private static final Map<String, String> ENDPOINTS = Map.of(
            "openai/chat", "chat.completions", "openai/text_completion", "completions",
            "azure_openai/chat", "chat.completions",
            "anthropic/chat", "messages",
            "google/chat", "generateContent", "google/generate_content", "generateContent",
            "bedrock/chat", "converse");

    private final OtlpSettings settings;

    public SpanMapper(OtlpSettings settings) {
        this.settings = settings;
    }

    /** The span as a usage event without tenant, or null when the span is not a model call. */
    public @Nullable ObjectNode map(Resource resource, Span span) {
        Attributes attributes = new Attributes(span.getAttributesList(), resource.getAttributesList());
        String operation = lower(attributes.text(OPERATION));
        String provider = provider(attributes.text(PROVIDER));
        String model = attributes.text(MODEL);
        if (!isModelCall(attributes, operation, provider, model)) {
            return null;
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("id", HEX.formatHex(span.getTraceId().toByteArray()) + HEX.formatHex(span.getSpanId().toByteArray()));
        event.put("time", instant(span.getStartTimeUnixNano()).toString());
        event.put("provider", provider);
        event.put("model", model);
        event.put("endpoint", operation == null ? null : ENDPOINTS.getOrDefault(provider + "/" + operation, operation));
        event.put("project", attributes.text(settings.project()));
        event.put("user", attributes.text(settings.user()));
        event.put("apiKey", attributes.text(settings.apiKey()));
        if (span.getEndTimeUnixNano() >= span.getStartTimeUnixNano() && span.getEndTimeUnixNano() > 0) {
            event.put("latencyMs", (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000);
        }
        status(attributes, span.getStatus(), event);
        event.set("usage", usage(attributes));
        ObjectNode tags = event.putObject("tags");
        for (String name : settings.tags()) {
            String value = attributes.text(List.of(name));
            if (value != null) {
                tags.put(name, truncate(value, 256));
            }
        }
        removeNulls(event);
        return event;
    }

    private static boolean isModelCall(Attributes attributes, @Nullable String operation, @Nullable String provider,
            @Nullable String model) {
        if (operation != null && NOT_MODEL_CALLS.contains(operation)) {
            return false;
        }
        boolean reportsUsage = attributes.first(INPUT) != null || attributes.first(OUTPUT) != null;
        return (operation != null || reportsUsage) && (provider != null || model != null);
    }

    private static void status(Attributes attributes, Status status, ObjectNode event) {
        String errorType = attributes.text(ERROR_TYPE);
        if (status.getCode() != Status.StatusCode.STATUS_CODE_ERROR && errorType == null) {
            event.put("status", "success");
            return;
        }
        String type = errorType == null ? "_OTHER" : errorType;
        String lower = type.toLowerCase(Locale.ROOT);
        event.put("status", lower.contains("timeout") || lower.contains("timedout") || lower.contains("deadline_exceeded")
                ? "timeout"
                : "error");
        ObjectNode error = event.putObject("error").put("type", truncate(type, 64));
        if (!status.getMessage().isEmpty()) {
            error.put("message", truncate(status.getMessage(), 1000));
        }
    }

    private static ObjectNode usage(Attributes attributes) {
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        Long input = count(attributes, INPUT, usage, "inputTokens");
        Long cacheRead = count(attributes, CACHE_READ, usage, "cachedInputTokens");
        Long cacheWrite = count(attributes, CACHE_WRITE, usage, "cacheWriteTokens");
        Long output = count(attributes, OUTPUT, usage, "outputTokens");
        Long reasoning = count(attributes, REASONING, usage, "reasoningTokens");
        long cached = orZero(cacheRead) + orZero(cacheWrite);
        if (input != null && cached > input) {
            usage.put("inputTokens", input + cached);
        } else if (input == null && cached > 0) {
            usage.put("inputTokens", cached);
        }
        if (output != null && reasoning != null && reasoning > output) {
            usage.put("outputTokens", output + reasoning);
        } else if (output == null && reasoning != null) {
            usage.put("outputTokens", reasoning);
        }
        return usage;
    }

    /**
     * Puts a token count into {@code usage} and answers it when it is a non-negative integer; any
     * other value is put as it came, so that validation rejects the event and says why.
     */
    private static @Nullable Long count(Attributes attributes, List<String> names, ObjectNode usage, String field) {
        AnyValue value = attributes.first(names);
        if (value == null) {
            return null;
        }
        Long count = switch (value.getValueCase()) {
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue() == Math.rint(value.getDoubleValue())
                    && Math.abs(value.getDoubleValue()) < 1e15 ? (long) value.getDoubleValue() : null;
            case STRING_VALUE -> parse(value.getStringValue());
            default -> null;
        };
        if (count == null || count < 0) {
            usage.put(field, count != null ? Long.toString(count) : String.valueOf(Attributes.text(value)));
            return null;
        }
        usage.put(field, count);
        return count;
    }

    private static @Nullable Long parse(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable String provider(@Nullable String name) {
        String lower = lower(name);
        return lower == null ? null : PROVIDERS.getOrDefault(lower, lower);
    }

    private static @Nullable String lower(@Nullable String text) {
        return text == null ? null : text.trim().toLowerCase(Locale.ROOT);
    }

    private static long orZero(@Nullable Long value) {
        return value == null ? 0 : value;
    }

    private static Instant instant(long unixNanos) {
        return Instant.ofEpochSecond(Long.divideUnsigned(unixNanos, 1_000_000_000L), Long.remainderUnsigned(unixNanos, 1_000_000_000L));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static void removeNulls(ObjectNode event) {
        List<String> absent = event.propertyStream().filter(e -> e.getValue().isNull()).map(Map.Entry::getKey).toList();
        event.remove(absent);
    }
}
