package dev.tokenmeter.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tokenmeter.query.QuerySettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The security chain's decisions without a database (the key store is a mock): who gets through as
 * which {@link Caller}, how refusals read, and the headers every answer carries.
 */
class ApiSecurityTest {

    static final String OPERATOR = "op-secret-0123456789abcdef0123456789";

    final ApiKeys keys = mock(ApiKeys.class);
    final AtomicReference<@Nullable Caller> passed = new AtomicReference<>();
    final WebTestClient client = WebTestClient
            .bindToWebHandler(exchange -> {
                passed.set(exchange.getAttribute(Caller.ATTRIBUTE));
                return exchange.getResponse().setComplete();
            })
            .webFilter(new WebFilterChainProxy(new ApiSecurity().apiSecurityChain(ServerHttpSecurity.http(),
                    new KeyAuthenticationManager(keys, new QuerySettings(OPERATOR, List.of(), 10_000, Duration.ofSeconds(30))),
                    ServerCodecConfigurer.create(), "/api/v1/openapi.json")))
            .build();

    @Test
    void anUnreachableKeyStoreIsA503ProblemNotA500() {
        when(keys.verify(anyString())).thenReturn(Mono.error(new DataAccessResourceFailureException("connection refused")));

        get("/api/v1/usage/summary", KeySecrets.newSecret())
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(503);
        assertThat(passed).hasNullValue();
    }

    @Test
    void aValueThatIsNoSecretIsRefusedWithoutALookup() {
        get("/api/v1/usage/summary", "hunter2")
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.detail").isNotEmpty();
        verifyNoInteractions(keys);
    }

    @Test
    void aRequestWithoutAKeyIsA401Problem() {
        client.get().uri("/api/v1/usage/summary").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Send an API key as 'Authorization: Bearer <key>'");
        assertThat(passed).hasNullValue();
    }

    @Test
    void theOperatorKeyNeedsNoLookup() {
        get("/api/v1/usage/summary?tenant=acme", OPERATOR).expectStatus().isOk();

        assertThat(passed.get()).isEqualTo(new Caller("acme", Role.OPERATOR, null));
        verifyNoInteractions(keys);
    }

    @Test
    void aBadTenantNamedByTheOperatorIsA400NamingTheParameter() {
        get("/api/v1/usage/summary?tenant=ACME", OPERATOR)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("tenant");
    }

    @Test
    void aValidKeyBecomesTheCaller() {
        String secret = KeySecrets.newSecret();
        when(keys.verify(secret)).thenReturn(Mono.just(new ApiKeys.VerifiedKey("key_0123456789abcdef", "acme", Role.VIEWER)));

        get("/api/v1/usage/summary", secret).expectStatus().isOk();

        assertThat(passed.get()).isEqualTo(new Caller("acme", Role.VIEWER, "key_0123456789abcdef"));
    }

    @Test
    void anIngestKeyOrAKeyNamingAnotherTenantIsForbidden() {
        String ingest = KeySecrets.newSecret();
        String viewer = KeySecrets.newSecret();
        when(keys.verify(ingest)).thenReturn(Mono.just(new ApiKeys.VerifiedKey("key_00000000000000a1", "acme", Role.INGEST)));
        when(keys.verify(viewer)).thenReturn(Mono.just(new ApiKeys.VerifiedKey("key_00000000000000a2", "acme", Role.VIEWER)));

        get("/api/v1/usage/summary", ingest).expectStatus().isForbidden();
        get("/api/v1/usage/summary?tenant=globex", viewer).expectStatus().isForbidden();
        assertThat(passed).hasNullValue();
    }

    @Test
    void pathsOutsideTheApiAndTheOpenApiDocumentNeedNoKey() {
        for (String path : List.of("/", "/log", "/assets/index-abc.js", "/actuator/health", "/api/v1/openapi.json",
                "/api/v1/openapi.json.yaml")) {
            client.get().uri(path).exchange().expectStatus().isOk();
        }
        client.get().uri("/api/v1/openapi.jsonx").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersWithAPolicyThatAllowsNoInlineScript() {
        for (var answer : List.of(client.get().uri("/").exchange(), get("/api/v1/usage/summary", "hunter2"))) {
            answer.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                            .contains("script-src 'self';", "frame-ancestors 'none'", "object-src 'none'")
                            .doesNotContain("unsafe-eval")
                            .doesNotContainPattern("script-src[^;]*unsafe-inline"));
        }
    }

    WebTestClient.ResponseSpec get(String uri, String key) {
        return client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }
}
