package dev.tokenmeter.event;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The file of recorded verdicts that {@link StreamingReaderParityTest} holds the reader to: gzipped JSON lines, one per input,
 * in the order the test generates them. A line holds the input family, the input's index in it, the input (UTF-8 text, or
 * base64 when it is not UTF-8), when it arrived and the HTTP key's tenant where they matter, and the verdict: the event's
 * fields, or the violations in order (field, reason, message).
 */
final class RecordedVerdicts {

    static final String RESOURCE = "streaming-reader-verdicts.jsonl.gz";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordedVerdicts() {
    }

    /** One input: a Kafka record read as bytes, or (with an owner) an HTTP batch item read as a parsed tree. */
    record Input(byte[] record, Instant arrived, @Nullable String owner) {

        static Input of(String json) {
            return of(json.getBytes(StandardCharsets.UTF_8));
        }

        static Input of(byte[] record) {
            return new Input(record, StreamingReaderParityTest.NOW, null);
        }

        String shown() {
            String text = new String(record, 0, Math.min(record.length, 300), StandardCharsets.UTF_8);
            return (owner == null ? "" : "[HTTP item of tenant " + owner + "] ") + (record.length > 300 ? text + "…" : text);
        }
    }

    /** One line of the file; {@code note} says what the recording could not show in the verdict alone. */
    record Line(String family, int index, Input input, ParseResult verdict, @Nullable String note) {

        boolean sameInput(Input other) {
            return java.util.Arrays.equals(input.record(), other.record()) && input.arrived().equals(other.arrived())
                    && java.util.Objects.equals(input.owner(), other.owner());
        }
    }

    /** The recorded lines by family, in file order; null when the file is not on the class path. */
    static @Nullable Map<String, List<Line>> load() {
        InputStream in = RecordedVerdicts.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            return null;
        }
        Map<String, List<Line>> families = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                Line line = decode(JSON.readTree(text));
                families.computeIfAbsent(line.family(), f -> new ArrayList<>()).add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return families;
    }

    static void write(Path file, List<Line> lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            for (Line line : lines) {
                out.write(JSON.writeValueAsString(encode(line)));
                out.write('\n');
            }
        }
    }

    /** The verdict as the file spells it, to show beside the recorded one. */
    static String spelled(ParseResult verdict) {
        return JSON.writeValueAsString(encode(verdict));
    }

    private static ObjectNode encode(Line line) {
        ObjectNode node = JSON.createObjectNode().put("family", line.family()).put("index", line.index());
        Input input = line.input();
        String text = utf8(input.record());
        if (text != null) {
            node.put("input", text);
        } else {
            node.put("inputBase64", Base64.getEncoder().encodeToString(input.record()));
        }
        if (!input.arrived().equals(StreamingReaderParityTest.NOW)) {
            node.put("arrived", input.arrived().toString());
        }
        if (input.owner() != null) {
            node.put("owner", input.owner());
        }
        node.set("verdict", encode(line.verdict()));
        if (line.note() != null) {
            node.put("note", line.note());
        }
        return node;
    }

    private static ObjectNode encode(ParseResult verdict) {
        ObjectNode node = JSON.createObjectNode();
        if (verdict instanceof ParseResult.Invalid invalid) {
            ArrayNode violations = node.putArray("violations");
            for (Violation v : invalid.violations()) {
                violations.addObject().put("field", v.field()).put("reason", v.reason().name()).put("message", v.message());
            }
            return node;
        }
        UsageEvent e = ((ParseResult.Valid) verdict).event();
        ObjectNode event = node.putObject("event").put("id", e.id()).put("tenant", e.tenant()).put("time", e.time().toString())
                .put("provider", e.provider()).put("model", e.model()).put("endpoint", e.endpoint()).put("project", e.project())
                .put("apiKey", e.apiKey()).put("user", e.user()).put("status", e.status().name());
        if (e.error() == null) {
            event.putNull("error");
        } else {
            event.putObject("error").put("type", e.error().type()).put("message", e.error().message());
        }
        event.put("latencyMs", e.latencyMs());
        Usage u = e.usage();
        event.putObject("usage").put("inputTokens", u.inputTokens()).put("cachedInputTokens", u.cachedInputTokens())
                .put("cacheWriteTokens", u.cacheWriteTokens()).put("outputTokens", u.outputTokens())
                .put("reasoningTokens", u.reasoningTokens());
        // As text: BigDecimal equality counts the scale, and so does the comparison.
        event.put("costUsd", e.costUsd() == null ? null : e.costUsd().toString());
        ObjectNode tags = event.putObject("tags");
        new TreeMap<>(e.tags()).forEach(tags::put);
        event.put("serviceTier", e.serviceTier().name());
        ObjectNode units = event.putObject("units");
        new TreeMap<>(e.units()).forEach(units::put);
        return node;
    }

    private static Line decode(JsonNode node) {
        byte[] record = node.has("input")
                ? node.get("input").stringValue().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(node.get("inputBase64").stringValue());
        Instant arrived = node.has("arrived") ? Instant.parse(node.get("arrived").stringValue()) : StreamingReaderParityTest.NOW;
        Input input = new Input(record, arrived, text(node, "owner"));
        return new Line(node.get("family").stringValue(), node.get("index").intValue(), input, verdict(node.get("verdict")),
                text(node, "note"));
    }

    private static ParseResult verdict(JsonNode node) {
        if (node.has("violations")) {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : node.get("violations")) {
                violations.add(new Violation(v.get("field").stringValue(), Reason.valueOf(v.get("reason").stringValue()),
                        v.get("message").stringValue()));
            }
            return new ParseResult.Invalid(violations);
        }
        JsonNode e = node.get("event");
        JsonNode error = e.get("error");
        JsonNode u = e.get("usage");
        String cost = text(e, "costUsd");
        Map<String, String> tags = new TreeMap<>();
        e.get("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().stringValue()));
        Map<String, Long> units = new TreeMap<>();
        e.get("units").properties().forEach(unit -> units.put(unit.getKey(), unit.getValue().longValue()));
        return new ParseResult.Valid(new UsageEvent(e.get("id").stringValue(), e.get("tenant").stringValue(),
                Instant.parse(e.get("time").stringValue()), e.get("provider").stringValue(), text(e, "model"),
                e.get("endpoint").stringValue(), text(e, "project"), text(e, "apiKey"), text(e, "user"),
                Status.valueOf(e.get("status").stringValue()),
                error.isNull() ? null : new EventError(text(error, "type"), text(error, "message")),
                e.get("latencyMs").isNull() ? null : e.get("latencyMs").intValue(),
                new Usage(u.get("inputTokens").longValue(), u.get("cachedInputTokens").longValue(), u.get("cacheWriteTokens").longValue(),
                        u.get("outputTokens").longValue(), u.get("reasoningTokens").longValue()),
                cost == null ? null : new BigDecimal(cost), tags, ServiceTier.valueOf(e.get("serviceTier").stringValue()), units));
    }

    private static @Nullable String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : value.stringValue();
    }

    /** The bytes as text when they are well-formed UTF-8 (so they read back the same), else null. */
    private static @Nullable String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
