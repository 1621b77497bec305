package dev.tokenmeter.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The attributes of one span seen together with its resource's: the span's win. */
final class Attributes {

    private final Map<String, AnyValue> span;
    private final Map<String, AnyValue> resource;

    Attributes(List<KeyValue> span, List<KeyValue> resource) {
        this.span = index(span);
        this.resource = index(resource);
    }

    /** The first of these attributes present (span first, then resource), or null. */
    @Nullable
    AnyValue first(List<String> names) {
        for (String name : names) {
            AnyValue value = get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Nullable
    AnyValue get(String name) {
        AnyValue value = span.get(name);
        return value != null ? value : resource.get(name);
    }

    /** A scalar attribute as text (numbers and booleans as written in JSON), or null when absent or not a scalar. */
    @Nullable
    String text(List<String> names) {
        AnyValue value = first(names);
        return value == null ? null : text(value);
    }

    static @Nullable String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue().isEmpty() ? null : value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> null;
        };
    }

    private static Map<String, AnyValue> index(List<KeyValue> attributes) {
        Map<String, AnyValue> index = new HashMap<>(attributes.size() * 2);
        for (KeyValue attribute : attributes) {
            if (attribute.hasValue()) {
                index.putIfAbsent(attribute.getKey(), attribute.getValue());
            }
        }
        return index;
    }
}
