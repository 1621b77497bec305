package dev.tokenmeter.event;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical JSON form of a validated event: fixed field order, sorted tags, defaults filled
 * in, absent fields left out. Two deliveries of the same event — plain or CloudEvents, any field
 * order or whitespace — have the same canonical form, which makes it the basis of conflict
 * detection ({@link #fingerprint}) and the form HTTP ingest publishes.
 *
 * <p>The form is written straight to bytes ({@link #write}); {@link #toNode} builds the same form as a
 * tree, which is how it was first defined. Both give the same bytes for every event — the stored
 * fingerprints of keys claimed before the streaming writer depend on it, and a test holds them equal.
 */
public final class EventJson {

    private static final MessageDigest SHA_256 = sha256();

    private EventJson() {
    }

    /** The canonical form as a tree: fields in the canonical order, as {@link #write} writes them. */
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        write(event, out);
        return out.toByteArray();
    }

    /** SHA-256 of the canonical form: equal for equal events, different for any changed field. */
    public static byte[] fingerprint(UsageEvent event) {
        MessageDigest sha = copy(SHA_256);
        // The form is hashed as it is written: no string, tree or byte array of it per event.
        write(event, new DigestOutputStream(OutputStream.nullOutputStream(), sha));
        return sha.digest();
    }

    /** SHA-256 of the tree form's bytes, as fingerprints were first computed: for the tests and comparisons. */
    public static byte[] fingerprintOfTree(UsageEvent event) {
        return copy(SHA_256).digest(EventReader.JSON.writeValueAsBytes(toNode(event)));
    }

    /** Writes the canonical form of {@code event} to {@code out}, field by field. */
    public static void write(UsageEvent event, OutputStream out) {
        try (JsonGenerator json = EventReader.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("id", event.id());
            json.writeStringProperty("tenant", event.tenant());
            json.writeStringProperty("time", Timestamps.format(event.time()));
            json.writeStringProperty("provider", event.provider());
            writeIfPresent(json, "model", event.model());
            json.writeStringProperty("endpoint", event.endpoint());
            writeIfPresent(json, "project", event.project());
            writeIfPresent(json, "apiKey", event.apiKey());
            writeIfPresent(json, "user", event.user());
            json.writeStringProperty("status", event.status().code());
            EventError error = event.error();
            if (error != null) {
                json.writeObjectPropertyStart("error");
                writeIfPresent(json, "type", error.type());
                writeIfPresent(json, "message", error.message());
                json.writeEndObject();
            }
            Integer latencyMs = event.latencyMs();
            if (latencyMs != null) {
                json.writeNumberProperty("latencyMs", latencyMs.intValue());
            }
            Usage usage = event.usage();
            json.writeObjectPropertyStart("usage");
            json.writeNumberProperty("inputTokens", usage.inputTokens());
            json.writeNumberProperty("cachedInputTokens", usage.cachedInputTokens());
            json.writeNumberProperty("cacheWriteTokens", usage.cacheWriteTokens());
            json.writeNumberProperty("outputTokens", usage.outputTokens());
            json.writeNumberProperty("reasoningTokens", usage.reasoningTokens());
            if (!event.units().isEmpty()) {
                json.writeObjectPropertyStart("units");
                for (Map.Entry<String, Long> unit : event.units().entrySet()) {
                    json.writeNumberProperty(unit.getKey(), unit.getValue().longValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            BigDecimal costUsd = event.costUsd();
            if (costUsd != null) {
                json.writeNumberProperty("costUsd", costUsd);
            }
            json.writeObjectPropertyStart("tags");
            for (Map.Entry<String, String> tag : event.tags().entrySet()) {
                json.writeStringProperty(tag.getKey(), tag.getValue());
            }
            json.writeEndObject();
            if (event.serviceTier() != ServiceTier.STANDARD) {
                json.writeStringProperty("serviceTier", event.serviceTier().code());
            }
            json.writeEndObject();
        }
    }

    private static void writeIfPresent(JsonGenerator json, String field, @Nullable String value) {
        if (value != null) {
            json.writeStringProperty(field, value);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }
}
