package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may publish how often through {@code POST /api/v1/events}, on a real server, broker and
 * database: per key and per tenant rate limits (small buckets refilled once a minute, so nothing
 * refills during the test), and a key store that fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tokenmeter.ingest.rate-limits.key.burst=3",
        "tokenmeter.ingest.rate-limits.key.refill=1",
        "tokenmeter.ingest.rate-limits.key.per=1m",
        "tokenmeter.ingest.rate-limits.tenant.burst=5",
        "tokenmeter.ingest.rate-limits.tenant.refill=1",
        "tokenmeter.ingest.rate-limits.tenant.per=1m"})
@WithIngestHarness
class HttpIngestAccessIT {

    static final IngestHarness harness = IngestHarness.of(HttpIngestAccessIT.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tokenmeter.ingest.http.keys", () -> "burst:k-burst,shared:k-shared-1,shared:k-shared-2,other:k-other");
    }

    final WebTestClient client;

    HttpIngestAccessIT(@LocalServerPort int port) {
        client = IngestHarness.client(port);
    }

    @Test
    void aKeyOverItsBurstGets429WithRetryAfterAndAnotherTenantsKeyIsServed() {
        for (int i = 0; i < 3; i++) {
            var accepted = post("k-burst");
            assertThat(accepted.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(accepted.getResponseHeaders().getFirst("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
        }

        var refused = post("k-burst");

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Policy")).startsWith("1;w=60;burst=3");
        JsonNode problem = JSON.readTree(refused.getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("scope").asString()).isEqualTo("key");
        assertThat(post("k-other").getStatus()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void keysOfOneTenantShareItsLimit() {
        for (int i = 0; i < 3; i++) {
            assertThat(post("k-shared-1").getStatus()).isEqualTo(HttpStatus.ACCEPTED);
        }
        assertThat(post("k-shared-2").getStatus()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("k-shared-2").getStatus()).isEqualTo(HttpStatus.ACCEPTED);

        var refused = post("k-shared-2");

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(JSON.readTree(refused.getResponseBody()).get("scope").asString()).isEqualTo("tenant");
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    }

    @Test
    void unknownKeysAreRefusedWith401AndNeverRateLimited() {
        for (int i = 0; i < 20; i++) {
            var refused = post("unknown-" + i);
            assertThat(refused.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(refused.getResponseHeaders().getFirst("RateLimit-Limit")).isNull();
        }
    }

    @Test
    void aKeyLookupFailingOnTheDatabaseIsA503ProblemNotA500() throws Exception {
        try (var connection = harness.connect(); var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE api_key RENAME TO api_key_hidden");
        }
        try {
            var answer = post("tm_" + "x".repeat(32));

            assertThat(answer.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = JSON.readTree(answer.getResponseBody());
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("retryable").asBoolean()).isTrue();
            assertThat(problem.get("detail").asString()).doesNotContain("api_key");
        } finally {
            try (var connection = harness.connect(); var statement = connection.createStatement()) {
                statement.execute("ALTER TABLE api_key_hidden RENAME TO api_key");
            }
        }
    }

    /** An empty batch: authenticated and counted like any other request, with nothing to publish. */
    private EntityExchangeResult<byte[]> post(String key) {
        return client.post().uri("/api/v1/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[]")
                .exchange()
                .expectBody().returnResult();
    }
}
