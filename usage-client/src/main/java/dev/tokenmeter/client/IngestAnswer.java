package dev.tokenmeter.client;

import dev.tokenmeter.event.Reason;
import dev.tokenmeter.event.Violation;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an answer of {@code POST /api/v1/events} means for the batch that was sent. */
sealed interface IngestAnswer {

    JsonMapper JSON = JsonMapper.builder().build();

    /** 202: every event is accepted. */
    record Accepted() implements IngestAnswer {
    }

    /** 400 with per-item errors: those items are invalid, every other one is accepted. */
    record PartlyRejected(Map<Integer, List<Violation>> invalidItems) implements IngestAnswer {
    }

    /** 408, 429, 5xx: nothing is known to be accepted; send the same batch again. */
    record Retry(String reason, @Nullable Duration retryAfter) implements IngestAnswer {
    }

    /** 413: the body is too large for this server; send the halves. */
    record TooLarge() implements IngestAnswer {
    }

    /** Any other answer (401, a 400 about the whole request, ...): sending again will not help. */
    record Refused(String reason) implements IngestAnswer {
    }

    static IngestAnswer of(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Accepted();
        }
        JsonNode problem = problem(response.body());
        String detail = problem.path("detail").isString() ? problem.path("detail").stringValue() : response.body();
        if (status == 408 || status == 429 || status >= 500) {
            return new Retry(status + " " + detail, retryAfter(response));
        }
        if (status == 413) {
            return new TooLarge();
        }
        if (status == 400 && problem.path("errors").isArray()) {
            return new PartlyRejected(invalidItems(problem.path("errors")));
        }
        if (status == 401 || status == 403) {
            return new Refused(status + ": the ingest key was refused (" + detail + ")");
        }
        return new Refused(status + ": " + detail);
    }

    private static JsonNode problem(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    private static Map<Integer, List<Violation>> invalidItems(JsonNode errors) {
        Map<Integer, List<Violation>> items = new HashMap<>();
        for (JsonNode error : errors) {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode violation : error.path("violations")) {
                violations.add(new Violation(violation.path("field").asString("$"),
                        reason(violation.path("reason").asString("")), violation.path("message").asString("")));
            }
            if (violations.isEmpty()) {
                violations.add(new Violation("$", reason(error.path("reason").asString("")), "rejected by ingest"));
            }
            items.put(error.path("index").asInt(-1), violations);
        }
        return items;
    }

    /** The wire code ({@code too_old}) as the contract's reason; a code this client does not know reads as a schema violation. */
    private static Reason reason(String code) {
        try {
            return Reason.valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Reason.SCHEMA_VIOLATION;
        }
    }

    private static @Nullable Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() < 6)
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .orElse(null);
    }
}
