package dev.tokenmeter.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical JSON form of a validated event: fixed field order, sorted tags, defaults filled
 * in, absent fields left out. Two deliveries of the same event — plain or CloudEvents, any field
 * order or whitespace — have the same canonical form, which makes it the basis of conflict
 * detection ({@link #fingerprint}) and the form HTTP ingest publishes.
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectNode toNode(UsageEvent event) {
        ObjectNode node = EventReader.JSON.createObjectNode();
        node.put("id", event.id());
        node.put("tenant", event.tenant());
        node.put("time", event.time().toString());
        node.put("provider", event.provider());
        putIfPresent(node, "model", event.model());
        node.put("endpoint", event.endpoint());
        putIfPresent(node, "project", event.project());
        putIfPresent(node, "apiKey", event.apiKey());
        putIfPresent(node, "user", event.user());
        node.put("status", event.status().code());
        if (event.error() != null) {
            ObjectNode error = node.putObject("error");
            putIfPresent(error, "type", event.error().type());
            putIfPresent(error, "message", event.error().message());
        }
        if (event.latencyMs() != null) {
            node.put("latencyMs", event.latencyMs());
        }
        Usage usage = event.usage();
        node.putObject("usage")
                .put("inputTokens", usage.inputTokens())
                .put("cachedInputTokens", usage.cachedInputTokens())
                .put("cacheWriteTokens", usage.cacheWriteTokens())
                .put("outputTokens", usage.outputTokens())
                .put("reasoningTokens", usage.reasoningTokens());
        if (!event.units().isEmpty()) {
            // Only when sent: an event without units keeps the canonical form (and fingerprint) it always had.
            ObjectNode units = ((ObjectNode) node.get("usage")).putObject("units");
            event.units().forEach(units::put);
        }
        if (event.costUsd() != null) {
            node.put("costUsd", event.costUsd());
        }
        ObjectNode tags = node.putObject("tags");
        event.tags().forEach(tags::put);
        if (event.serviceTier() != ServiceTier.STANDARD) {
            node.put("serviceTier", event.serviceTier().code());
        }
        return node;
    }

    public static byte[] toBytes(UsageEvent event) {
        return EventReader.JSON.writeValueAsBytes(toNode(event));
    }

    /** SHA-256 of the canonical form: equal for equal events, different for any changed field. */
    public static byte[] fingerprint(UsageEvent event) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(toBytes(event));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
