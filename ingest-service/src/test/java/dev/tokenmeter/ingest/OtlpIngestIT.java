package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.ingest.otlp.SpanFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/traces} against the real broker and database: the real OpenTelemetry Java SDK and
 * its OTLP/HTTP exporter (protobuf with gzip, and JSON) send spans shaped like the published GenAI
 * instrumentations' spans; every model call is stored with exactly its tokens, a resent span is
 * counted once, other spans are ignored and counted, and refusals answer as OTLP/HTTP asks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithIngestHarness
class OtlpIngestIT {

    static final IngestHarness harness = IngestHarness.of(OtlpIngestIT.class);
    static final String LIMITED_KEY = "otlp-rate-limited-ingest-key-0123456789";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tokenmeter.ingest.http.keys", () -> "acme:" + IngestHarness.INGEST_KEY + ",beta:" + LIMITED_KEY);
        // the key bucket allows every test's exports; the 429 test drains beta's key bucket on purpose
        registry.add("tokenmeter.ingest.rate-limits.key.burst", () -> 40);
        registry.add("tokenmeter.ingest.rate-limits.key.refill", () -> 1);
        registry.add("tokenmeter.ingest.rate-limits.key.per", () -> "1m");
    }

    final int port;
    final WebTestClient client;

    @Autowired
    MeterRegistry meters;

    OtlpIngestIT(@LocalServerPort int port) {
        this.port = port;
        client = IngestHarness.client(port);
    }

    @Test
    void spansFromTheSdksProtobufExporterAreStoredExactlyAndAResentSpanIsCountedOnce() throws Exception {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://localhost:" + port + "/v1/traces")
                .addHeader("Authorization", "Bearer " + IngestHarness.INGEST_KEY)
                .setCompression("gzip")
                .build();

        exportAndCheck(exporter);
    }

    @Test
    void spansFromTheSdksJsonExporterAreStoredExactlyAndAResentSpanIsCountedOnce() throws Exception {
        exportAndCheck(jsonExporter("http://localhost:" + port + "/v1/traces", IngestHarness.INGEST_KEY));
    }

    private void exportAndCheck(SpanExporter exporter) throws Exception {
        Recording recording = new Recording(exporter);
        double ignoredBefore = counter("ignored");
        Map<String, SpanFixtures.Case> sent = new LinkedHashMap<>();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(SpanFixtures.sdkResource()))
                .addSpanProcessor(SimpleSpanProcessor.create(recording))
                .build()) {
            Tracer tracer = provider.get("opentelemetry.instrumentation.genai-fixtures");
            Instant start = Instant.now().minus(5, ChronoUnit.MINUTES);
            for (SpanFixtures.Case c : SpanFixtures.cases()) {
                c.emit(tracer, start);
                SpanData span = recording.spans.get(recording.spans.size() - 1);
                sent.put(span.getTraceId() + span.getSpanId(), c);
            }
            for (SpanFixtures.Case c : SpanFixtures.ignored()) {
                c.emit(tracer, start);
            }
            assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(recording.failures.get()).as("exports the ingest service refused").isZero();

        harness.awaitConsumed();
        assertStoredExactly(sent);
        assertThat(counter("ignored") - ignoredBefore).isEqualTo(SpanFixtures.ignored().size());

        assertThat(exporter.export(recording.spans).join(30, TimeUnit.SECONDS).isSuccess()).as("resent").isTrue();
        harness.awaitConsumed();
        assertStoredExactly(sent);
        exporter.shutdown().join(10, TimeUnit.SECONDS);
    }

    @Test
    void spansThatCannotBeValidEventsAreAPartialSuccessWhileTheOthersAreStored() throws Exception {
        Instant start = Instant.now().minus(3, ChronoUnit.MINUTES);
        List<SpanFixtures.Case> cases = new ArrayList<>(SpanFixtures.rejected());
        cases.add(SpanFixtures.cases().get(0));
        cases.addAll(SpanFixtures.ignored());
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < cases.size(); i++) {
            scope.addSpans(cases.get(i).proto(id(16, "partial"), id(8, "span" + i), start));
        }
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(SpanFixtures.resource()).addScopeSpans(scope))
                .build();

        byte[] answer = client.post().uri("/v1/traces")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestHarness.INGEST_KEY)
                .header(HttpHeaders.CONTENT_TYPE, "application/x-protobuf")
                .bodyValue(request.toByteArray())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/x-protobuf")
                .expectBody(byte[].class).returnResult().getResponseBody();

        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer);
        assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(response.getPartialSuccess().getErrorMessage()).contains("2 span(s)").contains("model").contains("inputTokens");
        harness.awaitConsumed();
        String stored = HexFormat.of().formatHex(id(16, "partial")) + HexFormat.of().formatHex(id(8, "span2"));
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'acme' AND id LIKE ?",
                HexFormat.of().formatHex(id(16, "partial")) + "%")).isEqualTo(1);
        assertThat(harness.count("SELECT input_tokens FROM usage_event WHERE tenant = 'acme' AND id = ?", stored)).isEqualTo(212);
    }

    @Test
    void otlpJsonWithHexIdsIsAnsweredInJson() {
        long nanos = TimeUnit.MILLISECONDS.toNanos(Instant.now().minus(2, ChronoUnit.MINUTES).toEpochMilli());
        String body = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-bot"}}]},
                 "scopeSpans":[{"scope":{"name":"hand-written"},"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
                 "spanId":"eee19b7ec3c1b174","name":"chat gpt-4o","kind":3,"startTimeUnixNano":"%d","endTimeUnixNano":"%d",
                 "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
                  {"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},
                  {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},
                  {"key":"gen_ai.usage.input_tokens","value":{"intValue":"120"}},
                  {"key":"gen_ai.usage.output_tokens","value":{"intValue":30}}]}]}]}]}
                """.formatted(nanos, nanos + 250_000_000L);

        client.post().uri("/v1/traces")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestHarness.INGEST_KEY)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/json")
                .expectBody().json("{}");

        harness.awaitConsumed();
        String id = "5b8efff798038103d269b633813fc60c" + "eee19b7ec3c1b174";
        assertThat(harness.count("SELECT input_tokens + output_tokens FROM usage_event WHERE tenant = 'acme' AND id = ?", id))
                .isEqualTo(150);
        assertThat(harness.count("SELECT latency_ms FROM usage_event WHERE tenant = 'acme' AND id = ?", id)).isEqualTo(250);
    }

    @Test
    void aRequestWithoutAnIngestKeyIsUnauthenticatedAsAnRpcStatus() {
        byte[] status = client.post().uri("/v1/traces")
                .header(HttpHeaders.CONTENT_TYPE, "application/x-protobuf")
                .bodyValue(ExportTraceServiceRequest.getDefaultInstance().toByteArray())
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/x-protobuf")
                .expectBody(byte[].class).returnResult().getResponseBody();

        assertThat(status[0]).as("google.rpc.Status.code tag").isEqualTo((byte) 0x08);
        assertThat(status[1]).as("UNAUTHENTICATED").isEqualTo((byte) 16);
        assertThat(new String(status, StandardCharsets.UTF_8)).contains("Bearer");
    }

    @Test
    void aGzipBombIsRefusedWith413() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gzip.write(zeros);
            }
        }
        assertThat(compressed.size()).as("64 MiB of zeros, compressed").isLessThan(1 << 20);

        JsonNode status = JSON.readTree(client.post().uri("/v1/traces")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestHarness.INGEST_KEY)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .bodyValue(compressed.toByteArray())
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody(byte[].class).returnResult().getResponseBody());

        assertThat(status.path("code").asInt()).isEqualTo(8);
        assertThat(status.path("message").asString()).contains("after decompression");
    }

    @Test
    void aContentTypeOtherThanProtobufOrJsonIsRefusedWith415() {
        client.post().uri("/v1/traces")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestHarness.INGEST_KEY)
                .header(HttpHeaders.CONTENT_TYPE, "text/plain")
                .bodyValue("spans")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aKeyOverItsRateLimitIsTold429WithRetryAfter() {
        HttpStatus last = HttpStatus.OK;
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < 45 && last == HttpStatus.OK; i++) {
            var result = client.post().uri("/v1/traces")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + LIMITED_KEY)
                    .header(HttpHeaders.CONTENT_TYPE, "application/json")
                    .bodyValue("{}")
                    .exchange()
                    .returnResult(byte[].class);
            last = HttpStatus.valueOf(result.getStatus().value());
            headers = result.getResponseHeaders();
        }

        assertThat(last).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
    }

    private void assertStoredExactly(Map<String, SpanFixtures.Case> sent) throws Exception {
        assertStoredExactly(harness, sent);
    }

    /** Every span of {@code sent} (id = trace id hex + span id hex) is stored once, with exactly its fixture's fields. */
    static void assertStoredExactly(IngestHarness harness, Map<String, SpanFixtures.Case> sent) throws Exception {
        try (var connection = harness.connect(); var query = connection.prepareStatement("""
                SELECT provider, model, endpoint, status, project, input_tokens, cached_input_tokens, cache_write_tokens,
                       output_tokens, reasoning_tokens, latency_ms
                FROM usage_event WHERE tenant = 'acme' AND id = ?""")) {
            for (Map.Entry<String, SpanFixtures.Case> entry : sent.entrySet()) {
                query.setString(1, entry.getKey());
                try (ResultSet row = query.executeQuery()) {
                    String name = entry.getValue().name();
                    assertThat(row.next()).as(name + " stored").isTrue();
                    JsonNode expected = entry.getValue().expected();
                    JsonNode usage = expected.path("usage");
                    assertThat(
                            List.of(row.getString("provider"), row.getString("model"), row.getString("endpoint"), row.getString("status")))
                            .as(name).containsExactly(expected.path("provider").asString(), expected.path("model").asString(),
                                    expected.path("endpoint").asString(), expected.path("status").asString());
                    assertThat(List.of(row.getLong("input_tokens"), row.getLong("cached_input_tokens"), row.getLong("cache_write_tokens"),
                            row.getLong("output_tokens"), row.getLong("reasoning_tokens")))
                            .as(name).containsExactly(usage.path("inputTokens").asLong(), usage.path("cachedInputTokens").asLong(),
                                    usage.path("cacheWriteTokens").asLong(), usage.path("outputTokens").asLong(),
                                    usage.path("reasoningTokens").asLong());
                    assertThat(row.getLong("latency_ms")).as(name).isEqualTo(entry.getValue().durationMs());
                    assertThat(row.getString("project")).as(name).isEqualTo(expected.path("project").asString("support-bot"));
                    assertThat(row.next()).isFalse();
                }
            }
        }
        String ids = String.join("','", sent.keySet());
        long input = sent.values().stream().mapToLong(c -> c.expected().path("usage").path("inputTokens").asLong()).sum();
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'acme' AND id IN ('" + ids + "')"))
                .isEqualTo(sent.size());
        assertThat(harness.count("SELECT sum(input_tokens) FROM usage_event WHERE tenant = 'acme' AND id IN ('" + ids + "')"))
                .isEqualTo(input);
    }

    private double counter(String outcome) {
        var counter = meters.find("ingest.otlp.spans").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] id(int length, String seed) {
        byte[] bytes = new byte[length];
        byte[] text = seed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i < text.length ? text[i] : 0x5a);
        }
        return bytes;
    }

    /**
     * The SDK's OTLP/HTTP exporter in its JSON mode. The Java SDK implements OTLP/JSON (its own
     * {@code JsonSerializer}) but exposes it only on the internal builder its public one wraps, so
     * the switch is thrown by reflection; everything else is the exporter as shipped.
     */
    static SpanExporter jsonExporter(String endpoint, String key) throws Exception {
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint)
                .addHeader("Authorization", "Bearer " + key);
        Field delegate = OtlpHttpSpanExporterBuilder.class.getDeclaredField("delegate");
        delegate.setAccessible(true);
        Object internal = delegate.get(builder);
        Method exportAsJson = internal.getClass().getMethod("exportAsJson");
        exportAsJson.invoke(internal);
        return builder.build();
    }

    /** Passes every export on and keeps the spans, to resend them and to learn the ids the SDK drew. */
    static final class Recording implements SpanExporter {
        final SpanExporter delegate;
        final List<SpanData> spans = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();

        Recording(SpanExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            CompletableResultCode result = delegate.export(batch);
            result.whenComplete(() -> {
                if (!result.isSuccess()) {
                    failures.incrementAndGet();
                }
            });
            return result;
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
