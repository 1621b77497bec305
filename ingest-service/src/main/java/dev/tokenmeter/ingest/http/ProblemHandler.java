package dev.tokenmeter.ingest.http;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns every ingest refusal into RFC 9457 problem details, in one place. */
@RestControllerAdvice
class ProblemHandler {

    @ExceptionHandler
    ProblemDetail refused(IngestProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        problem.properties().forEach(detail::setProperty);
        return detail;
    }

    @ExceptionHandler
    ProblemDetail tooLarge(DataBufferLimitException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The body is too large; split it into smaller batches");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rateLimited(RateLimits.RateLimited e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        detail.setTitle("Too Many Requests");
        detail.setProperty("retryAfterSeconds", e.decision().retryAfterSeconds());
        detail.setProperty("scope", e.decision().draw().scope());
        HttpHeaders headers = new HttpHeaders();
        e.decision().writeTo(headers);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).headers(headers).body(detail);
    }

    @ExceptionHandler
    ProblemDetail brokerUnavailable(BrokerUnavailable e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The events could not be handed to Kafka: " + e.getMessage() + ". Retry the same request; "
                        + "events already delivered are counted once.");
        detail.setProperty("retryable", true);
        return detail;
    }

    /** Kafka did not acknowledge every record of the request. */
    static class BrokerUnavailable extends RuntimeException {
        BrokerUnavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
