package dev.tokenmeter.ingest.http;

import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.ingest.otlp.OtlpFormat;
import dev.tokenmeter.ingest.otlp.OtlpSettings;
import dev.tokenmeter.ingest.otlp.SpanMapper;
import dev.tokenmeter.ingest.otlp.TraceRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * OTLP/HTTP trace ingest ({@code POST /v1/traces}): each span that is a GenAI model call becomes one
 * usage event of the ingest key's tenant, published to the usage topic exactly as
 * {@code /api/v1/events} publishes; other spans are ignored and counted. The answer is 200 only once
 * the broker acknowledged every event, with {@code partial_success} naming the spans that could not
 * become valid events. Refusals are rendered by {@link OtlpErrors}.
 */
@RestController
class TracesController {

    static final int MAX_REASONS = 5;

    private final EventReader reader;
    private final SpanMapper mapper;
    private final Authenticator authenticator;
    private final UsageTopic usageTopic;
    private final OtlpSettings settings;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter ignored;

    TracesController(EventReader reader, SpanMapper mapper, Authenticator authenticator, UsageTopic usageTopic,
            OtlpSettings settings, MeterRegistry registry) {
        this.reader = reader;
        this.mapper = mapper;
        this.authenticator = authenticator;
        this.usageTopic = usageTopic;
        this.settings = settings;
        this.accepted = registry.counter("ingest.otlp.spans", "outcome", "accepted");
        this.rejected = registry.counter("ingest.otlp.spans", "outcome", "rejected");
        this.ignored = registry.counter("ingest.otlp.spans", "outcome", "ignored");
    }

    @PostMapping("/v1/traces")
    Mono<ResponseEntity<byte[]>> export(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        OtlpFormat format = OtlpErrors.formatOf(exchange);
        if (format == null) {
            return Mono.error(new OtlpErrors.UnsupportedMediaType(request.getHeaders().getContentType()));
        }
        boolean gzip = gzip(request.getHeaders());
        long maxBytes = settings.maxBody().toBytes();
        return authenticator.tenant(exchange)
                .flatMap(tenant -> body(request, maxBytes)
                        .map(body -> TraceRequests.parse(TraceRequests.inflate(body, gzip, maxBytes), format))
                        .flatMap(export -> accept(export, tenant)))
                .map(response -> ResponseEntity.ok()
                        .contentType(format.mediaType())
                        .body(TraceRequests.write(response, format)));
    }

    private static boolean gzip(HttpHeaders headers) {
        String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.equalsIgnoreCase("gzip")) {
            return true;
        }
        throw new OtlpErrors.UnsupportedEncoding(encoding);
    }

    /** The raw body, refused with 413 as soon as it passes the limit (compressed bodies too). */
    private static Mono<byte[]> body(ServerHttpRequest request, long maxBytes) {
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(new TraceRequests.TooLarge(maxBytes));
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, maxBytes))
                .map(Buffers::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> new TraceRequests.TooLarge(maxBytes));
    }

    private Mono<ExportTraceServiceResponse> accept(ExportTraceServiceRequest export, String tenant) {
        List<UsageEvent> valid = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int ignoredSpans = 0;
        for (ResourceSpans resourceSpans : export.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    ObjectNode event = mapper.map(resourceSpans.getResource(), span);
                    if (event == null) {
                        ignoredSpans++;
                        continue;
                    }
                    ParseResult result = reader.read(event, tenant);
                    if (result instanceof ParseResult.Valid ok) {
                        valid.add(ok.event());
                    } else {
                        reasons.add(describe(event, (ParseResult.Invalid) result));
                    }
                }
            }
        }
        ignored.increment(ignoredSpans);
        rejected.increment(reasons.size());
        return usageTopic.publishAll(valid)
                .then(Mono.fromRunnable(() -> accepted.increment(valid.size())))
                .then(Mono.fromCallable(() -> response(reasons)));
    }

    private static ExportTraceServiceResponse response(List<String> reasons) {
        if (reasons.isEmpty()) {
            return ExportTraceServiceResponse.getDefaultInstance();
        }
        String message = reasons.size() + " span(s) could not become valid usage events: "
                + reasons.stream().limit(MAX_REASONS).collect(Collectors.joining("; "))
                + (reasons.size() > MAX_REASONS ? "; ..." : "");
        return ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(reasons.size())
                        .setErrorMessage(message))
                .build();
    }

    private static String describe(ObjectNode event, ParseResult.Invalid invalid) {
        return "span " + event.path("id").asString("") + ": " + invalid.violations().stream()
                .map(Object::toString)
                .collect(Collectors.joining(", "));
    }
}
