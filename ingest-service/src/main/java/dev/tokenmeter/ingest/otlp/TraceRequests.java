package dev.tokenmeter.ingest.otlp;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads OTLP/HTTP trace requests and writes their answers. Parsing is protobuf's own (binary, or
 * its JSON mapping through {@link JsonFormat}); the one difference of OTLP/JSON, trace and span
 * ids written as hex where protobuf's JSON mapping expects base64, is translated first.
 */
public final class TraceRequests {

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final List<String> ID_FIELDS = List.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");

    private TraceRequests() {
    }

    /** A body that is, or would inflate to, more than the limit. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long maxBytes) {
            super("The body is over " + maxBytes + " bytes (after decompression); export smaller batches", null, false, false);
        }
    }

    /** A body that is not a trace export request in the format it claims. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The decoded body: inflated when {@code Content-Encoding} is gzip, stopping as soon as it
     * passes {@code maxBytes}, so a small compressed body never inflates to more than the limit.
     *
     * @throws TooLarge  when the inflated body is over {@code maxBytes}
     * @throws Malformed when the gzip stream is broken
     */
    public static byte[] inflate(byte[] body, boolean gzip, long maxBytes) {
        if (!gzip) {
            if (body.length > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            return body;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] inflated = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (inflated.length > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            return inflated;
        } catch (IOException e) {
            throw new Malformed("The body is not valid gzip: " + e.getMessage());
        }
    }

    /** Parses an (inflated) body. @throws Malformed when it is not an export request in this format */
    public static ExportTraceServiceRequest parse(byte[] body, OtlpFormat format) {
        try {
            if (format == OtlpFormat.PROTOBUF) {
                return ExportTraceServiceRequest.parseFrom(body);
            }
            ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
            PARSER.merge(withBase64Ids(body), request);
            return request.build();
        } catch (InvalidProtocolBufferException e) {
            throw new Malformed("The body is not an OTLP trace export request in " + format.mediaType() + ": " + e.getMessage());
        }
    }

    /** The answer to an export, in the request's format. */
    public static byte[] write(ExportTraceServiceResponse response, OtlpFormat format) {
        if (format == OtlpFormat.PROTOBUF) {
            return response.toByteArray();
        }
        try {
            return PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("An export response always prints", e);
        }
    }

    /**
     * The body of a refusal as OTLP/HTTP asks for it: a {@code google.rpc.Status} with a gRPC code
     * and a message. That message type is not part of opentelemetry-proto; its two fields are
     * written here ({@code code} = 1, {@code message} = 2).
     */
    public static byte[] status(int grpcCode, String message, OtlpFormat format) {
        if (format == OtlpFormat.JSON) {
            ObjectNode status = SpanMapper.JSON.createObjectNode().put("code", grpcCode).put("message", message);
            return SpanMapper.JSON.writeValueAsBytes(status);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeInt32(1, grpcCode);
            out.writeString(2, message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String withBase64Ids(byte[] body) {
        JsonNode root;
        try {
            root = SpanMapper.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed("The body is not valid JSON: " + e.getOriginalMessage());
        }
        for (JsonNode resourceSpans : root.path("resourceSpans")) {
            for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
                for (JsonNode span : scopeSpans.path("spans")) {
                    hexToBase64(span);
                    for (JsonNode link : span.path("links")) {
                        hexToBase64(link);
                    }
                }
            }
        }
        return root.toString();
    }

    /** OTLP/JSON ids are hex; a value that is not hex is left for protobuf to judge. */
    private static void hexToBase64(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (String field : ID_FIELDS) {
            JsonNode id = object.get(field);
            if (id != null && id.isString() && isHex(id.stringValue())) {
                object.put(field, Base64.getEncoder().encodeToString(HEX.parseHex(id.stringValue())));
            }
        }
    }

    private static boolean isHex(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
