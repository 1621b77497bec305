package dev.tokenmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TraceRequestsTest {

    static ExportTraceServiceRequest request() {
        Span span = SpanFixtures.cases().get(2).proto(SpanMapperTest.TRACE_ID, SpanMapperTest.SPAN_ID, SpanMapperTest.START)
                .toBuilder()
                .setParentSpanId(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(SpanFixtures.resource())
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
                .build();
    }

    static byte[] gzip(byte[] bytes, int times) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (int i = 0; i < times; i++) {
                gzip.write(bytes);
            }
        }
        return out.toByteArray();
    }

    @Test
    void otlpJsonWithHexIdsReadsAsTheSameRequestAsProtobuf() throws Exception {
        String protobufJson = JsonFormat.printer().print(request());
        String otlpJson = protobufJson
                .replace(b64(SpanMapperTest.TRACE_ID), "4bf92f3577b34da6a3ce929d0e0e4736")
                .replace(b64(SpanMapperTest.SPAN_ID), "00f067aa0ba902b7")
                .replace(b64(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), "0102030405060708");
        assertThat(otlpJson).contains("\"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"");

        ExportTraceServiceRequest fromJson = TraceRequests.parse(otlpJson.getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON);
        ExportTraceServiceRequest fromProtobuf = TraceRequests.parse(request().toByteArray(), OtlpFormat.PROTOBUF);

        assertThat(fromJson).isEqualTo(request());
        assertThat(fromProtobuf).isEqualTo(request());
    }

    @Test
    void otlpJsonWithEnumsAsNumbersAndUnknownFieldsIsRead() {
        String json = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"x"}}]},
                 "scopeSpans":[{"scope":{"name":"openai"},"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
                 "spanId":"eee19b7ec3c1b174","name":"chat","kind":3,"startTimeUnixNano":"1544712660000000000",
                 "endTimeUnixNano":1544712661000000000,"status":{"code":2},"futureField":true,
                 "attributes":[{"key":"gen_ai.usage.input_tokens","value":{"intValue":"12"}}]}]}]}]}
                """;

        Span span = TraceRequests.parse(json.getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON)
                .getResourceSpans(0).getScopeSpans(0).getSpans(0);

        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(span.getStatus().getCode().getNumber()).isEqualTo(2);
        assertThat(span.getTraceId().size()).isEqualTo(16);
        assertThat(span.getEndTimeUnixNano() - span.getStartTimeUnixNano()).isEqualTo(1_000_000_000L);
        assertThat(span.getAttributes(0).getValue().getIntValue()).isEqualTo(12);
    }

    @Test
    void aGzipBodyIsInflated() throws IOException {
        byte[] body = request().toByteArray();

        assertThat(TraceRequests.inflate(gzip(body, 1), true, 4096)).isEqualTo(body);
    }

    @Test
    void aGzipBombIsRefusedAfterInflatingNoMoreThanTheLimit() throws IOException {
        byte[] zeros = new byte[1 << 20];
        byte[] bomb = gzip(zeros, 128);
        assertThat(bomb.length).as("128 MiB of zeros compress to well under 1 MiB").isLessThan(1 << 20);

        long before = System.nanoTime();
        assertThatThrownBy(() -> TraceRequests.inflate(bomb, true, 4L << 20)).isInstanceOf(TraceRequests.TooLarge.class);
        assertThat((System.nanoTime() - before) / 1_000_000).as("ms: inflating 128 MiB would take far longer").isLessThan(1_000);
    }

    @Test
    void anUncompressedBodyOverTheLimitIsRefused() {
        assertThatThrownBy(() -> TraceRequests.inflate(new byte[4097], false, 4096)).isInstanceOf(TraceRequests.TooLarge.class);
    }

    @Test
    void brokenGzipAndBrokenBodiesAreMalformed() {
        assertThatThrownBy(() -> TraceRequests.inflate(new byte[] {31, -117, 8, 0, 1, 2}, true, 4096))
                .isInstanceOf(TraceRequests.Malformed.class);
        assertThatThrownBy(() -> TraceRequests.parse(new byte[] {(byte) 0xff, 1, 2}, OtlpFormat.PROTOBUF))
                .isInstanceOf(TraceRequests.Malformed.class);
        assertThatThrownBy(() -> TraceRequests.parse("{\"resourceSpans\": 7".getBytes(StandardCharsets.UTF_8), OtlpFormat.JSON))
                .isInstanceOf(TraceRequests.Malformed.class);
    }

    @Test
    void aPartialSuccessIsWrittenInTheRequestsFormat() throws Exception {
        ExportTraceServiceResponse response = ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(2).setErrorMessage("why"))
                .build();

        assertThat(ExportTraceServiceResponse.parseFrom(TraceRequests.write(response, OtlpFormat.PROTOBUF))).isEqualTo(response);
        assertThat(new String(TraceRequests.write(response, OtlpFormat.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"why\"}}");
    }

    @Test
    void aRefusalIsAGoogleRpcStatus() throws Exception {
        byte[] status = TraceRequests.status(16, "no key", OtlpFormat.PROTOBUF);
        // google.rpc.Status: field 1 varint 16, field 2 string "no key"
        assertThat(Arrays.copyOf(status, 4)).containsExactly(0x08, 16, 0x12, 6);
        assertThat(new String(status, 4, 6, StandardCharsets.UTF_8)).isEqualTo("no key");
        assertThat(new String(TraceRequests.status(16, "no key", OtlpFormat.JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":16,\"message\":\"no key\"}");
    }

    private static String b64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
