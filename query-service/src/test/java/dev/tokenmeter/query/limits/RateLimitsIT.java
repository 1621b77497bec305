package dev.tokenmeter.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits through a real HTTP server, with real keys on a real PostgreSQL. Buckets are small and
 * refill once a minute, so nothing refills while a test runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tokenmeter.query.operator-key=" + RateLimitsIT.OPERATOR,
        "tokenmeter.query.rate-limits.viewer.requests.burst=3",
        "tokenmeter.query.rate-limits.viewer.requests.refill=1",
        "tokenmeter.query.rate-limits.viewer.requests.per=1m",
        "tokenmeter.query.rate-limits.viewer.expensive.burst=1",
        "tokenmeter.query.rate-limits.viewer.expensive.refill=1",
        "tokenmeter.query.rate-limits.viewer.expensive.per=1m",
        "tokenmeter.query.rate-limits.tenant.requests.burst=5",
        "tokenmeter.query.rate-limits.tenant.requests.refill=1",
        "tokenmeter.query.rate-limits.tenant.requests.per=1m"})
@WithInfrastructure
class RateLimitsIT {

    static final String OPERATOR = "op-secret-0123456789abcdef0123456789";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(RateLimitsIT.class);

    final WebTestClient client;

    RateLimitsIT(@LocalServerPort int port) {
        client = Api.client(port);
    }

    @Test
    void aKeyOverItsBurstGets429WithRetryAfterWhileAnotherTenantsKeyIsServed() {
        String viewer = createKey("burst-a", "viewer");
        String otherTenant = createKey("burst-b", "viewer");
        for (int i = 0; i < 3; i++) {
            assertThat(summary(viewer).getStatus()).isEqualTo(HttpStatus.OK);
        }

        var refused = summary(viewer);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Reset")).isNotBlank();
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Policy")).startsWith("1;w=60;burst=3");
        JsonNode problem = JSON.readTree(refused.getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("scope").asString()).isEqualTo("key");
        assertThat(problem.get("detail").asString()).contains("retry after");

        var served = summary(otherTenant);
        assertThat(served.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(served.getResponseHeaders().getFirst("RateLimit-Remaining")).isEqualTo("2");
    }

    @Test
    void keysOfOneTenantShareItsLimitAndAnotherTenantIsUnaffected() {
        String first = createKey("shared-a", "viewer");
        String second = createKey("shared-a", "viewer");
        String otherTenant = createKey("shared-b", "viewer");
        for (int i = 0; i < 3; i++) {
            assertThat(summary(first).getStatus()).isEqualTo(HttpStatus.OK);
        }
        assertThat(summary(second).getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(summary(second).getStatus()).isEqualTo(HttpStatus.OK);

        var refused = summary(second);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(JSON.readTree(refused.getResponseBody()).get("scope").asString()).isEqualTo("tenant");
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(summary(otherTenant).getStatus()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theExportDrawsFromItsOwnLowerLimitAndLeavesOrdinaryRequestsAlone() {
        String viewer = createKey("export-a", "viewer");
        assertThat(get("/api/v1/usage/export?range=7d", viewer).getStatus()).isEqualTo(HttpStatus.OK);

        var refused = get("/api/v1/usage/export?range=7d", viewer);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(JSON.readTree(refused.getResponseBody()).get("pool").asString()).isEqualTo("expensive");
        var ordinary = summary(viewer);
        assertThat(ordinary.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(ordinary.getResponseHeaders().getFirst("RateLimit-Remaining")).isEqualTo("2");
    }

    @Test
    void unknownKeysAreRefusedWith401AndNeverRateLimited() {
        for (int i = 0; i < 50; i++) {
            var answer = summary("tm_" + "x".repeat(29) + String.format("%03d", i));
            assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(answer.getResponseHeaders().getFirst("RateLimit-Limit")).isNull();
        }
    }

    private EntityExchangeResult<byte[]> summary(String key) {
        return get("/api/v1/usage/summary?range=7d", key);
    }

    private EntityExchangeResult<byte[]> get(String uri, String key) {
        return client.get().uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange()
                .expectBody().returnResult();
    }

    private String createKey(String tenant, String role) {
        byte[] body = client.post().uri("/api/v1/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant", tenant, "role", role, "name", role + " of " + tenant))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body).get("secret").asString();
    }
}
