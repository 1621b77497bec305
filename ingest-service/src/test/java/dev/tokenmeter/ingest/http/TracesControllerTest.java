package dev.tokenmeter.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tokenmeter.event.EventLimits;
import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.ingest.KafkaSettings;
import dev.tokenmeter.ingest.kafka.KafkaPublisher;
import dev.tokenmeter.ingest.otlp.OtlpSettings;
import dev.tokenmeter.ingest.otlp.SpanFixtures;
import dev.tokenmeter.ingest.otlp.SpanMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** {@code /v1/traces} with the broker stood in: what an exporter is told when Kafka does not acknowledge. */
class TracesControllerTest {

    static final String KEY = "otlp-controller-test-key-0123456789abcdef";

    final KafkaPublisher publisher = mock(KafkaPublisher.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final WebTestClient client;

    TracesControllerTest() {
        Map<String, String> properties = Map.of(
                "tokenmeter.ingest.http.keys", "acme:" + KEY,
                "tokenmeter.ingest.rate-limits.enabled", "false",
                "tokenmeter.kafka.bootstrap-servers", "unused:9092");
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        IngestSettings ingest = binder.bindOrCreate("tokenmeter.ingest", IngestSettings.class);
        OtlpSettings otlp = binder.bindOrCreate("tokenmeter.ingest.otlp", OtlpSettings.class);
        TracesController controller = new TracesController(
                new EventReader(new EventLimits(Duration.ofDays(35), Duration.ofMinutes(5), 65_536, Duration.ofDays(7)), Clock.systemUTC()),
                new SpanMapper(otlp),
                new Authenticator(new IngestKeys(ingest, mock(DatabaseClient.class)),
                        new RateLimits(binder.bindOrCreate("tokenmeter.ingest.rate-limits", RateLimitSettings.class), meters)),
                new UsageTopic(publisher, binder.bindOrCreate("tokenmeter.kafka", KafkaSettings.class)), otlp, meters);
        client = WebTestClient.bindToController(controller).controllerAdvice(new OtlpErrors(otlp)).build();
    }

    static byte[] export(java.util.List<SpanFixtures.Case> cases) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        for (int i = 0; i < cases.size(); i++) {
            byte[] spanId = {1, 2, 3, 4, 5, 6, 7, (byte) i};
            scope.addSpans(cases.get(i).proto(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6}, spanId, start));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(SpanFixtures.resource()).addScopeSpans(scope))
                .build().toByteArray();
    }

    @Test
    void whenKafkaDoesNotAcknowledgeTheExporterIsTold503WithRetryAfter() {
        when(publisher.send(any())).thenReturn(Mono.error(new TimeoutException("broker down")));

        byte[] status = client.post().uri("/v1/traces")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(HttpHeaders.CONTENT_TYPE, "application/x-protobuf")
                .bodyValue(export(SpanFixtures.cases().subList(0, 2)))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentType("application/x-protobuf")
                .expectBody(byte[].class).returnResult().getResponseBody();

        assertThat(status[0]).isEqualTo((byte) 0x08);
        assertThat(status[1]).as("UNAVAILABLE").isEqualTo((byte) 14);
        assertThat(new String(status, StandardCharsets.UTF_8)).contains("broker down").contains("counted once");
        assertThat(meters.counter("ingest.otlp.spans", "outcome", "accepted").count()).isZero();
    }

    @Test
    void anExportOfNoModelCallsIsAnsweredWithoutPublishingAndTheSpansAreCountedAsIgnored() {
        client.post().uri("/v1/traces")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(HttpHeaders.CONTENT_TYPE, "application/x-protobuf")
                .bodyValue(export(SpanFixtures.ignored()))
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).isEqualTo(new byte[0]);

        verify(publisher, never()).send(any());
        assertThat(meters.counter("ingest.otlp.spans", "outcome", "ignored").count()).isEqualTo(SpanFixtures.ignored().size());
    }

    @Test
    void aRefusalOfAJsonRequestIsWrittenInJson() {
        client.post().uri("/v1/traces")
                .header(HttpHeaders.AUTHORIZATION, "Basic " + KEY)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .bodyValue("{}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/json")
                .expectBody().jsonPath("$.code").isEqualTo(16).jsonPath("$.message").value(m -> assertThat((String) m).contains("Bearer"));
    }

    @Test
    void anEncodingOtherThanGzipIsRefusedWith415() {
        client.post().uri("/v1/traces")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(HttpHeaders.CONTENT_TYPE, "application/x-protobuf")
                .header(HttpHeaders.CONTENT_ENCODING, "br")
                .bodyValue(new byte[] {1})
                .exchange()
                .expectStatus().isEqualTo(415);
    }
}
