package dev.tokenmeter.event;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudEvents 1.0 structured mode: {@code id}, {@code time} and {@code subject} (the tenant) come
 * from the envelope, every other field from {@code data}.
 */
final class CloudEvents {

    private CloudEvents() {
    }

    /** Returns the event as a plain contract object; envelope problems are added to {@code violations}. */
    static ObjectNode unwrap(ObjectNode envelope, List<Violation> violations) {
        requireText(envelope, "specversion", "1.0", violations);
        requireText(envelope, "type", EventReader.CLOUD_EVENT_TYPE, violations);
        JsonNode source = envelope.get("source");
        if (source == null || !source.isString() || source.asString().isEmpty()) {
            violations.add(new Violation("source", Reason.SCHEMA_VIOLATION, "a CloudEvent needs a non-empty source"));
        }
        JsonNode data = envelope.get("data");
        ObjectNode event;
        if (data != null && data.isObject()) {
            event = ((ObjectNode) data).deepCopy();
        } else {
            violations.add(new Violation("data", Reason.SCHEMA_VIOLATION, "a CloudEvent needs a JSON object in data"));
            event = envelope.objectNode();
        }
        for (Map.Entry<String, String> copy : Map.of("id", "id", "time", "time", "subject", "tenant").entrySet()) {
            JsonNode value = envelope.get(copy.getKey());
            if (value == null) {
                event.remove(copy.getValue());
            } else {
                event.set(copy.getValue(), value);
            }
        }
        return event;
    }

    private static void requireText(ObjectNode envelope, String field, String expected, List<Violation> violations) {
        JsonNode value = envelope.get(field);
        if (value == null || !value.isString() || !expected.equals(value.stringValue())) {
            violations.add(new Violation(field, Reason.SCHEMA_VIOLATION, "must be \"" + expected + "\""));
        }
    }
}
