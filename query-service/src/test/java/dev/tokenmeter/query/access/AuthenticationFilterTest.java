package dev.tokenmeter.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.tokenmeter.query.QuerySettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The filter's decisions without a database: the key store is a mock. */
class AuthenticationFilterTest {

    final ApiKeys keys = mock(ApiKeys.class);
    final AuthenticationFilter filter = new AuthenticationFilter(keys,
            new QuerySettings("op-secret", List.of(), 10_000, Duration.ofSeconds(30)),
            ServerCodecConfigurer.create(), "/api/v1/openapi.json");
    final AtomicReference<Caller> passed = new AtomicReference<>();
    final WebFilterChain chain = exchange -> {
        passed.set(exchange.getAttribute(Caller.ATTRIBUTE));
        return Mono.empty();
    };

    @Test
    void anUnreachableKeyStoreIsA503ProblemNotA500() {
        when(keys.verify(anyString())).thenReturn(Mono.error(new DataAccessResourceFailureException("connection refused")));

        MockServerWebExchange exchange = run(get("/api/v1/usage/summary", KeySecrets.newSecret()));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(exchange)).contains("\"status\":503");
        assertThat(passed).hasNullValue();
    }

    @Test
    void aValueThatIsNoSecretIsRefusedWithoutALookup() {
        MockServerWebExchange exchange = run(get("/api/v1/usage/summary", "hunter2"));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(body(exchange)).contains("\"status\":401", "\"detail\":");
        verifyNoInteractions(keys);
    }

    @Test
    void theOperatorKeyNeedsNoLookup() {
        run(get("/api/v1/usage/summary?tenant=acme", "op-secret"));

        assertThat(passed.get()).isEqualTo(new Caller("acme", Role.OPERATOR, null));
        verifyNoInteractions(keys);
    }

    @Test
    void aBadTenantNamedByTheOperatorIsA400NamingTheParameter() {
        MockServerWebExchange exchange = run(get("/api/v1/usage/summary?tenant=ACME", "op-secret"));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(exchange)).contains("\"parameter\":\"tenant\"");
    }

    @Test
    void aValidKeyBecomesTheCaller() {
        String secret = KeySecrets.newSecret();
        when(keys.verify(secret)).thenReturn(Mono.just(new ApiKeys.VerifiedKey("key_0123456789abcdef", "acme", Role.VIEWER)));

        run(get("/api/v1/usage/summary", secret));

        assertThat(passed.get()).isEqualTo(new Caller("acme", Role.VIEWER, "key_0123456789abcdef"));
    }

    @Test
    void pathsOutsideTheApiAndTheOpenApiDocumentNeedNoKey() {
        for (String path : List.of("/actuator/health", "/api/v1/openapi.json", "/api/v1/openapi.json.yaml")) {
            MockServerWebExchange exchange = run(MockServerHttpRequest.get(path).build());
            assertThat(exchange.getResponse().getStatusCode()).as(path).isNull();
        }
        MockServerWebExchange exchange = run(MockServerHttpRequest.get("/api/v1/openapi.jsonx").build());
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    MockServerWebExchange run(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, chain)
                .as(StepVerifier::create)
                .verifyComplete();
        return exchange;
    }

    static MockServerHttpRequest get(String uri, String key) {
        return MockServerHttpRequest.get(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).build();
    }

    static String body(MockServerWebExchange exchange) {
        return exchange.getResponse().getBodyAsString().blockOptional().orElse("");
    }
}
