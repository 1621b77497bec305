package dev.tokenmeter.event;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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
        ObjectNode root = EventReader.JSON.createObjectNode();
        emit(event, new TreeSink(root));
        return root;
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
            emit(event, new StreamSink(json));
            json.writeEndObject();
        }
    }

    /** The canonical form, field by field in the canonical order, to a tree or a stream: the one place that says it. */
    private static void emit(UsageEvent event, Sink out) {
        out.text("id", event.id());
        out.text("tenant", event.tenant());
        out.time("time", event.time());
        out.text("provider", event.provider());
        textIfPresent(out, "model", event.model());
        out.text("endpoint", event.endpoint());
        textIfPresent(out, "project", event.project());
        textIfPresent(out, "apiKey", event.apiKey());
        textIfPresent(out, "user", event.user());
        out.text("status", event.status().code());
        EventError error = event.error();
        if (error != null) {
            out.startObject("error");
            textIfPresent(out, "type", error.type());
            textIfPresent(out, "message", error.message());
            out.endObject();
        }
        Integer latencyMs = event.latencyMs();
        if (latencyMs != null) {
            out.number("latencyMs", latencyMs);
        }
        Usage usage = event.usage();
        out.startObject("usage");
        out.number("inputTokens", usage.inputTokens());
        out.number("cachedInputTokens", usage.cachedInputTokens());
        out.number("cacheWriteTokens", usage.cacheWriteTokens());
        out.number("outputTokens", usage.outputTokens());
        out.number("reasoningTokens", usage.reasoningTokens());
        if (!event.units().isEmpty()) {
            // Only when sent: an event without units keeps the canonical form (and fingerprint) it always had.
            out.startObject("units");
            event.units().forEach(out::number);
            out.endObject();
        }
        out.endObject();
        BigDecimal costUsd = event.costUsd();
        if (costUsd != null) {
            out.decimal("costUsd", costUsd);
        }
        out.startObject("tags");
        event.tags().forEach(out::text);
        out.endObject();
        if (event.serviceTier() != ServiceTier.STANDARD) {
            out.text("serviceTier", event.serviceTier().code());
        }
    }

    private static void textIfPresent(Sink out, String field, @Nullable String value) {
        if (value != null) {
            out.text(field, value);
        }
    }

    /** Where {@link #emit} puts the fields: into nested objects, opened and closed in order. */
    private interface Sink {

        void text(String field, String value);

        void time(String field, Instant value);

        void number(String field, long value);

        void decimal(String field, BigDecimal value);

        void startObject(String field);

        void endObject();
    }

    /** The form as a tree, as it was first defined (times as {@link Instant#toString}). */
    private static final class TreeSink implements Sink {

        private final Deque<ObjectNode> open = new ArrayDeque<>();

        TreeSink(ObjectNode root) {
            open.push(root);
        }

        @Override
        public void text(String field, String value) {
            open.element().put(field, value);
        }

        @Override
        public void time(String field, Instant value) {
            text(field, value.toString());
        }

        @Override
        public void number(String field, long value) {
            open.element().put(field, value);
        }

        @Override
        public void decimal(String field, BigDecimal value) {
            open.element().put(field, value);
        }

        @Override
        public void startObject(String field) {
            open.push(open.element().putObject(field));
        }

        @Override
        public void endObject() {
            open.pop();
        }
    }

    /** The form written straight to bytes (times by {@link Timestamps#format}, without an intermediate string). */
    private record StreamSink(JsonGenerator json) implements Sink {

        @Override
        public void text(String field, String value) {
            json.writeStringProperty(field, value);
        }

        @Override
        public void time(String field, Instant value) {
            json.writeStringProperty(field, Timestamps.format(value));
        }

        @Override
        public void number(String field, long value) {
            json.writeNumberProperty(field, value);
        }

        @Override
        public void decimal(String field, BigDecimal value) {
            json.writeNumberProperty(field, value);
        }

        @Override
        public void startObject(String field) {
            json.writeObjectPropertyStart(field);
        }

        @Override
        public void endObject() {
            json.writeEndObject();
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
