package dev.tokenmeter.ingest.http;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the HTTP ingest endpoint refuses, in whole or in part; rendered as RFC 9457 problem details. */
class IngestProblem extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> properties;

    IngestProblem(HttpStatus status, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.properties = properties;
    }

    static IngestProblem unauthorized() {
        return new IngestProblem(HttpStatus.UNAUTHORIZED,
                "Send an ingest key as 'Authorization: Bearer <key>'", Map.of());
    }

    /** The key could not be checked: the database did not answer. Retrying later may succeed. */
    static IngestProblem keyStoreUnavailable() {
        return new IngestProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "The ingest key could not be checked because the database did not answer; retry shortly",
                Map.of("retryable", true));
    }

    static IngestProblem tooLarge(long maxBytes) {
        return new IngestProblem(HttpStatus.PAYLOAD_TOO_LARGE,
                "The body is over " + maxBytes + " bytes; split it into smaller batches", Map.of());
    }

    static IngestProblem badRequest(String detail) {
        return new IngestProblem(HttpStatus.BAD_REQUEST, detail, Map.of());
    }

    static IngestProblem invalidItems(int accepted, List<ItemError> errors) {
        return new IngestProblem(HttpStatus.BAD_REQUEST,
                errors.size() + " event(s) are invalid and were not accepted; the " + accepted + " valid one(s) were",
                Map.of("accepted", accepted, "errors", errors));
    }

    HttpStatus status() {
        return status;
    }

    Map<String, Object> properties() {
        return properties;
    }
}
