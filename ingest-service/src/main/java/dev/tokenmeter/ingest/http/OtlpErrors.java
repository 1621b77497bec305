package dev.tokenmeter.ingest.http;

import dev.tokenmeter.ingest.otlp.OtlpFormat;
import dev.tokenmeter.ingest.otlp.OtlpSettings;
import dev.tokenmeter.ingest.otlp.TraceRequests;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * The refusals of {@code /v1/traces}, rendered as OTLP/HTTP asks (a {@code google.rpc.Status} in the
 * request's encoding, protobuf when it named none) rather than as problem details: exporters read
 * the status code and {@code Retry-After}, and retry only 429, 502, 503 and 504.
 */
@RestControllerAdvice(assignableTypes = TracesController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OtlpErrors {

    private static final int INVALID_ARGUMENT = 3;
    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int UNAVAILABLE = 14;
    private static final int UNAUTHENTICATED = 16;

    private final OtlpSettings settings;

    OtlpErrors(OtlpSettings settings) {
        this.settings = settings;
    }

    static @Nullable OtlpFormat formatOf(ServerWebExchange exchange) {
        return OtlpFormat.of(exchange.getRequest().getHeaders().getContentType());
    }

    @ExceptionHandler
    ResponseEntity<byte[]> refused(IngestProblem problem, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        int code = switch (problem.status()) {
            case UNAUTHORIZED -> UNAUTHENTICATED;
            case SERVICE_UNAVAILABLE -> {
                headers.set(HttpHeaders.RETRY_AFTER, retryAfter());
                yield UNAVAILABLE;
            }
            case PAYLOAD_TOO_LARGE -> RESOURCE_EXHAUSTED;
            default -> INVALID_ARGUMENT;
        };
        return answer(problem.status(), headers, code, problem.getMessage(), exchange);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> rateLimited(RateLimits.RateLimited e, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        e.decision().writeTo(headers);
        return answer(HttpStatus.TOO_MANY_REQUESTS, headers, RESOURCE_EXHAUSTED, e.getMessage(), exchange);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> brokerUnavailable(ProblemHandler.BrokerUnavailable e, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, retryAfter());
        return answer(HttpStatus.SERVICE_UNAVAILABLE, headers, UNAVAILABLE, "The usage events could not be handed to Kafka: "
                + e.getMessage() + ". Retry the same export; spans already delivered are counted once.", exchange);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> tooLarge(TraceRequests.TooLarge e, ServerWebExchange exchange) {
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, new HttpHeaders(), RESOURCE_EXHAUSTED, e.getMessage(), exchange);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> bufferLimit(DataBufferLimitException e, ServerWebExchange exchange) {
        return tooLarge(new TraceRequests.TooLarge(settings.maxBody().toBytes()), exchange);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> malformed(TraceRequests.Malformed e, ServerWebExchange exchange) {
        return answer(HttpStatus.BAD_REQUEST, new HttpHeaders(), INVALID_ARGUMENT, e.getMessage(), exchange);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> unsupported(Unsupported e, ServerWebExchange exchange) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, new HttpHeaders(), INVALID_ARGUMENT, e.getMessage(), exchange);
    }

    private String retryAfter() {
        return Long.toString(Math.max(1, settings.retryAfter().toSeconds()));
    }

    private static ResponseEntity<byte[]> answer(HttpStatus status, HttpHeaders headers, int grpcCode, @Nullable String message,
            ServerWebExchange exchange) {
        OtlpFormat format = formatOf(exchange);
        OtlpFormat answered = format == null ? OtlpFormat.PROTOBUF : format;
        MediaType type = answered.mediaType();
        return ResponseEntity.status(status).headers(headers).contentType(type)
                .body(TraceRequests.status(grpcCode, message == null ? status.getReasonPhrase() : message, answered));
    }

    /** A request OTLP/HTTP does not define: another content type or content encoding. */
    static class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    static final class UnsupportedMediaType extends Unsupported {
        UnsupportedMediaType(@Nullable MediaType type) {
            super("Content-Type " + type + " is not OTLP/HTTP: send application/x-protobuf or application/json");
        }
    }

    static final class UnsupportedEncoding extends Unsupported {
        UnsupportedEncoding(String encoding) {
            super("Content-Encoding " + encoding + " is not supported: send gzip or no encoding");
        }
    }
}
