package dev.tokenmeter.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.access.Role;
import dev.tokenmeter.ratelimit.ManualTime;
import dev.tokenmeter.ratelimit.Quota;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The filter's decisions on a manual clock, with callers as the authentication filter leaves them. */
class RateLimitFilterTest {

    static final Caller ACME_VIEWER = new Caller("acme", Role.VIEWER, "key_1");
    static final Caller ACME_ADMIN = new Caller("acme", Role.ADMIN, "key_2");
    static final Caller GLOBEX_VIEWER = new Caller("globex", Role.VIEWER, "key_3");
    static final Caller OPERATOR = new Caller("acme", Role.OPERATOR, null);

    final ManualTime time = new ManualTime();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RateLimitFilter filter = new RateLimitFilter(settings(true), ServerCodecConfigurer.create(), meters, time);
    final AtomicInteger passed = new AtomicInteger();
    final WebFilterChain chain = exchange -> {
        passed.incrementAndGet();
        return Mono.empty();
    };

    /** Keys: 3 at once, 1 a second; tenants: 5 at once; expensive: 1 at once, 1 a minute. */
    static RateLimitSettings settings(boolean enabled) {
        Quota key = new Quota(3, 1, Duration.ofSeconds(1));
        Quota tenant = new Quota(5, 1, Duration.ofSeconds(1));
        Quota expensive = new Quota(1, 1, Duration.ofMinutes(1));
        RateLimitSettings.Pools keys = new RateLimitSettings.Pools(key, expensive);
        return new RateLimitSettings(enabled, 1000, Duration.ofMinutes(15), keys, keys,
                new RateLimitSettings.Pools(new Quota(10, 1, Duration.ofSeconds(1)), expensive),
                new RateLimitSettings.Pools(tenant, new Quota(2, 1, Duration.ofMinutes(1))));
    }

    @Test
    void aKeyOverItsBurstGetsA429ProblemWithRetryAfterAndRateLimitHeaders() {
        for (int i = 0; i < 3; i++) {
            assertThat(run(get("/api/v1/usage/summary"), ACME_VIEWER).getResponse().getStatusCode()).isNull();
        }

        MockServerWebExchange refused = run(get("/api/v1/usage/summary"), ACME_VIEWER);

        assertThat(passed).hasValue(3);
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        HttpHeaders headers = refused.getResponse().getHeaders();
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst("RateLimit-Limit")).isEqualTo("3");
        assertThat(headers.getFirst("RateLimit-Remaining")).isEqualTo("0");
        assertThat(headers.getFirst("RateLimit-Reset")).isEqualTo("3");
        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("1;w=1;burst=3;scope=\"key\";pool=\"requests\"");
        assertThat(body(refused)).contains("\"status\":429", "\"retryAfterSeconds\":1", "\"scope\":\"key\"",
                "slow down and retry after 1 s");
        assertThat(meters.counter("query.ratelimit.refused", "scope", "key", "pool", "requests").count()).isEqualTo(1);
    }

    @Test
    void anAllowedRequestCarriesTheRateLimitHeadersButNoRetryAfter() {
        MockServerWebExchange allowed = run(get("/api/v1/usage/summary"), ACME_VIEWER);

        HttpHeaders headers = allowed.getResponse().getHeaders();
        assertThat(headers.getFirst("RateLimit-Limit")).isEqualTo("3");
        assertThat(headers.getFirst("RateLimit-Remaining")).isEqualTo("2");
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isNull();
    }

    @Test
    void anotherTenantsKeyIsUnaffectedAndTheKeyRecoversAfterRetryAfter() {
        for (int i = 0; i < 4; i++) {
            run(get("/api/v1/usage/summary"), ACME_VIEWER);
        }

        assertThat(run(get("/api/v1/usage/summary"), GLOBEX_VIEWER).getResponse().getStatusCode()).isNull();
        time.advance(Duration.ofSeconds(1));
        assertThat(run(get("/api/v1/usage/summary"), ACME_VIEWER).getResponse().getStatusCode()).isNull();
    }

    @Test
    void aTenantsKeysShareTheTenantsBucket() {
        for (int i = 0; i < 3; i++) {
            run(get("/api/v1/usage/summary"), ACME_VIEWER);
        }
        run(get("/api/v1/usage/summary"), ACME_ADMIN);
        run(get("/api/v1/usage/summary"), ACME_ADMIN);

        MockServerWebExchange refused = run(get("/api/v1/usage/summary"), ACME_ADMIN);

        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(body(refused)).contains("\"scope\":\"tenant\"");
        assertThat(run(get("/api/v1/usage/summary"), GLOBEX_VIEWER).getResponse().getStatusCode()).isNull();
    }

    @Test
    void theOperatorHasItsOwnLimitAndSpendsNoTenantsBucket() {
        for (int i = 0; i < 10; i++) {
            assertThat(run(get("/api/v1/usage/summary?tenant=acme"), OPERATOR).getResponse().getStatusCode()).isNull();
        }

        assertThat(run(get("/api/v1/usage/summary?tenant=acme"), OPERATOR).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(run(get("/api/v1/usage/summary"), ACME_VIEWER).getResponse().getHeaders().getFirst("RateLimit-Remaining"))
                .isEqualTo("2");
    }

    @Test
    void exportRepriceImportAndDryRunDrawFromTheLowerExpensiveLimitOnly() {
        assertThat(run(get("/api/v1/usage/export?range=7d"), ACME_VIEWER).getResponse().getStatusCode()).isNull();

        MockServerWebExchange refused = run(get("/api/v1/usage/export?range=7d"), ACME_VIEWER);
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(body(refused)).contains("\"pool\":\"expensive\"");
        assertThat(run(MockServerHttpRequest.post("/api/v1/prices/reprice").build(), ACME_VIEWER).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(run(MockServerHttpRequest.post("/api/v1/prices/import").build(), ACME_VIEWER).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(run(MockServerHttpRequest.post("/api/v1/budgets/b_1/dry-run").build(), ACME_VIEWER).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        MockServerWebExchange ordinary = run(get("/api/v1/usage/summary"), ACME_VIEWER);
        assertThat(ordinary.getResponse().getStatusCode()).isNull();
        assertThat(ordinary.getResponse().getHeaders().getFirst("RateLimit-Remaining")).isEqualTo("2");
        assertThat(run(MockServerHttpRequest.get("/api/v1/budgets/b_1/dry-run").build(), ACME_VIEWER).getResponse().getStatusCode())
                .as("only POST dry-runs are expensive").isNull();
    }

    @Test
    void requestsWithoutAnAuthenticatedCallerAreNeverCounted() {
        for (int i = 0; i < 100; i++) {
            MockServerWebExchange exchange = run(get("/api/v1/usage/summary"), null);
            assertThat(exchange.getResponse().getStatusCode()).isNull();
            assertThat(exchange.getResponse().getHeaders().getFirst("RateLimit-Limit")).isNull();
        }
        assertThat(passed).hasValue(100);
    }

    @Test
    void disabledLimitsLetEverythingThrough() {
        RateLimitFilter off = new RateLimitFilter(settings(false), ServerCodecConfigurer.create(), meters, time);
        for (int i = 0; i < 100; i++) {
            MockServerWebExchange exchange = MockServerWebExchange.from(get("/api/v1/usage/summary"));
            exchange.getAttributes().put(Caller.ATTRIBUTE, ACME_VIEWER);
            off.filter(exchange, chain).as(StepVerifier::create).verifyComplete();
        }
        assertThat(passed).hasValue(100);
    }

    MockServerWebExchange run(MockServerHttpRequest request, @Nullable Caller caller) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        if (caller != null) {
            exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
        }
        filter.filter(exchange, chain)
                .as(StepVerifier::create)
                .verifyComplete();
        return exchange;
    }

    static MockServerHttpRequest get(String uri) {
        return MockServerHttpRequest.get(uri).build();
    }

    static String body(MockServerWebExchange exchange) {
        return exchange.getResponse().getBodyAsString().blockOptional().orElse("");
    }
}
