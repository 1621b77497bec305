package dev.tokenmeter.ingest.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spans of {@code otlp/genai-spans.json}, shaped like the published GenAI instrumentations'
 * spans, as OTLP protobuf messages (for the mapper's unit tests) and as spans of the real
 * OpenTelemetry SDK (for the exporter ITs). Attribute types follow the JSON: integers are longs,
 * decimals doubles, arrays string arrays.
 */
public final class SpanFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode ROOT = load();

    private SpanFixtures() {
    }

    /** One span of the fixture file. */
    public record Case(String name, String spanName, long durationMs, boolean error, String statusMessage,
            JsonNode attributes, JsonNode parity, JsonNode expected) {

        /** The span as the OTLP message an exporter would send. */
        public Span proto(byte[] traceId, byte[] spanId, Instant start) {
            long startNanos = TimeUnit.SECONDS.toNanos(start.getEpochSecond()) + start.getNano();
            Span.Builder span = Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(traceId))
                    .setSpanId(ByteString.copyFrom(spanId))
                    .setName(spanName)
                    .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                    .setStartTimeUnixNano(startNanos)
                    .setEndTimeUnixNano(startNanos + TimeUnit.MILLISECONDS.toNanos(durationMs))
                    .addAllAttributes(keyValues(attributes));
            if (error) {
                span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage(statusMessage));
            }
            return span.build();
        }

        /** Starts and ends the span with the real SDK's tracer; its processor exports it. */
        public void emit(Tracer tracer, Instant start) {
            io.opentelemetry.api.trace.Span span = tracer.spanBuilder(spanName)
                    .setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(start)
                    .setAllAttributes(sdkAttributes(attributes))
                    .startSpan();
            if (error) {
                span.setStatus(StatusCode.ERROR, statusMessage);
            }
            span.end(start.plusMillis(durationMs));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> cases() {
        return read("cases");
    }

    public static List<Case> ignored() {
        return read("ignored");
    }

    public static List<Case> rejected() {
        return read("rejected");
    }

    public static Resource resource() {
        return Resource.newBuilder().addAllAttributes(keyValues(ROOT.path("resource"))).build();
    }

    public static io.opentelemetry.api.common.Attributes sdkResource() {
        return sdkAttributes(ROOT.path("resource"));
    }

    private static List<Case> read(String section) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : ROOT.path(section)) {
            cases.add(new Case(c.path("name").asString(), c.path("spanName").asString(), c.path("durationMs").asLong(),
                    "ERROR".equals(c.path("status").asString("")), c.path("statusMessage").asString(""),
                    c.path("attributes"), c.path("parity"), c.path("expected")));
        }
        return cases;
    }

    private static List<KeyValue> keyValues(JsonNode attributes) {
        List<KeyValue> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            values.add(KeyValue.newBuilder().setKey(attribute.getKey()).setValue(anyValue(attribute.getValue())).build());
        }
        return values;
    }

    private static AnyValue anyValue(JsonNode value) {
        if (value.isArray()) {
            ArrayValue.Builder array = ArrayValue.newBuilder();
            value.forEach(v -> array.addValues(anyValue(v)));
            return AnyValue.newBuilder().setArrayValue(array).build();
        }
        if (value.isIntegralNumber()) {
            return AnyValue.newBuilder().setIntValue(value.asLong()).build();
        }
        if (value.isNumber()) {
            return AnyValue.newBuilder().setDoubleValue(value.asDouble()).build();
        }
        if (value.isBoolean()) {
            return AnyValue.newBuilder().setBoolValue(value.asBoolean()).build();
        }
        return AnyValue.newBuilder().setStringValue(value.asString()).build();
    }

    private static io.opentelemetry.api.common.Attributes sdkAttributes(JsonNode attributes) {
        AttributesBuilder builder = io.opentelemetry.api.common.Attributes.builder();
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            String key = attribute.getKey();
            JsonNode value = attribute.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.asString()));
                builder.put(AttributeKey.stringArrayKey(key), items);
            } else if (value.isIntegralNumber()) {
                builder.put(key, value.asLong());
            } else if (value.isNumber()) {
                builder.put(key, value.asDouble());
            } else if (value.isBoolean()) {
                builder.put(key, value.asBoolean());
            } else {
                builder.put(key, value.asString());
            }
        }
        return builder.build();
    }

    private static JsonNode load() {
        try (InputStream in = SpanFixtures.class.getResourceAsStream("/otlp/genai-spans.json")) {
            if (in == null) {
                throw new IllegalStateException("otlp/genai-spans.json is missing from the test resources");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
