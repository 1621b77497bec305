package dev.tokenmeter.deploy.demo;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How calls fail: the error types (normalised across providers, so a breakdown by type is
 * meaningful) with each provider's own wording, and how long a failing call takes.
 */
final class Failures {

    /** One kind of failure: latency is uniform in {@code [minMs, maxMs)}. */
    record Kind(String type, String message, int minMs, int maxMs) {

        DemoEvent.Failure failure() {
            return new DemoEvent.Failure(type, message);
        }

        int latency(RandomGenerator random) {
            return random.nextInt(minMs, maxMs);
        }
    }

    private static final Map<String, List<Weighted<Kind>>> ERRORS = Map.of(
            Models.OPENAI, List.of(
                    w(45, "rate_limit", "429 Too Many Requests: Rate limit reached for requests per min (RPM)", 20, 200),
                    w(20, "server_error", "500 Internal Server Error: The server had an error while processing your request", 300, 4000),
                    w(15, "service_unavailable", "503 Service Unavailable: The engine is currently overloaded", 100, 1500),
                    w(12, "invalid_request", "400 Bad Request: Invalid 'messages[2].content': string too long", 40, 150),
                    w(8, "context_length_exceeded", "400 Bad Request: This model's maximum context length is 128000 tokens", 40, 150)),
            Models.ANTHROPIC, List.of(
                    w(40, "rate_limit", "429 rate_limit_error: Number of request tokens has exceeded your per-minute rate limit", 20, 200),
                    w(30, "overloaded", "529 overloaded_error: Overloaded", 200, 3000),
                    w(15, "server_error", "500 api_error: Internal server error", 300, 4000),
                    w(15, "invalid_request", "400 invalid_request_error: messages: roles must alternate between user and assistant", 40,
                            150)),
            Models.GOOGLE, List.of(
                    w(45, "rate_limit", "429 RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota)", 20, 200),
                    w(25, "service_unavailable", "503 UNAVAILABLE: The model is overloaded. Please try again later", 100, 1500),
                    w(15, "server_error", "500 INTERNAL: An internal error has occurred", 300, 4000),
                    w(15, "invalid_request", "400 INVALID_ARGUMENT: Request contains an invalid argument", 40, 150)));

    /** The client gives up after 60 s (interactive) or 120 s (batch jobs, which have no end user). */
    static Kind timeout(boolean interactive) {
        int seconds = interactive ? 60 : 120;
        return new Kind("timeout", "no response within " + seconds + " s (client timeout)", seconds * 1000, seconds * 1000 + 50);
    }

    static Kind error(String provider, RandomGenerator random) {
        return Weighted.pick(java.util.Objects.requireNonNull(ERRORS.get(provider), provider), random);
    }

    private static Weighted<Kind> w(double weight, String type, String message, int minMs, int maxMs) {
        return new Weighted<>(new Kind(type, message, minMs, maxMs), weight);
    }

    private Failures() {
    }
}
