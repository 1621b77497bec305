package dev.tokenmeter.query.limits;

import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.access.Role;
import dev.tokenmeter.query.web.ProblemWriter;
import dev.tokenmeter.ratelimit.Decision;
import dev.tokenmeter.ratelimit.Draw;
import dev.tokenmeter.ratelimit.Quota;
import dev.tokenmeter.ratelimit.TokenBuckets;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Limits the rate of every authenticated API request: one token from the key's bucket and, for tenant
 * keys, one from the tenant's, all in this instance's memory. Requests without a resolved caller (no
 * key, a refused key, the dashboard's files) are never counted, so random keys cannot fill memory.
 * Every limited answer carries the {@code RateLimit-*} headers; over the limit the request is refused
 * with 429 problem details and {@code Retry-After}, and nothing downstream runs.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    /** After Spring Security's filter chain (order -100) has stored the {@link Caller}. */
    static final int ORDER = -50;
    static final String REQUESTS = "requests";
    static final String EXPENSIVE = "expensive";
    private static final PathPatternParser PATTERNS = PathPatternParser.defaultInstance;

    /** Endpoints that cost far more than a dashboard query, drawing from the lower {@code expensive} limits. */
    private static final List<Route> EXPENSIVE_ROUTES = List.of(
            new Route(HttpMethod.GET, PATTERNS.parse("/api/v1/usage/export")),
            new Route(HttpMethod.POST, PATTERNS.parse("/api/v1/prices/reprice")),
            new Route(HttpMethod.POST, PATTERNS.parse("/api/v1/prices/import")),
            new Route(HttpMethod.POST, PATTERNS.parse("/api/v1/budgets/{id}/dry-run")),
            new Route(HttpMethod.POST, PATTERNS.parse("/api/v1/budgets/{id}/evaluate")),
            new Route(HttpMethod.POST, PATTERNS.parse("/api/v1/budgets/{id}/test")),
            new Route(HttpMethod.POST, PATTERNS.parse("/api/v1/{rules:rules|anomalies|digests}/{id}/dry-run")),
            new Route(HttpMethod.POST, PATTERNS.parse("/api/v1/{rules:rules|anomalies|digests}/{id}/evaluate")),
            new Route(HttpMethod.POST, PATTERNS.parse("/api/v1/{rules:rules|anomalies|digests}/{id}/test")));

    private record Route(HttpMethod method, PathPattern pattern) {
        boolean matches(ServerHttpRequest request) {
            return method.equals(request.getMethod())
                    && pattern.matches(PathContainer.parsePath(request.getPath().pathWithinApplication().value()));
        }
    }

    private final RateLimitSettings settings;
    private final TokenBuckets buckets;
    private final ProblemWriter problemWriter;
    private final MeterRegistry meters;

    @Autowired
    RateLimitFilter(RateLimitSettings settings, ServerCodecConfigurer codecs, MeterRegistry meters) {
        this(settings, codecs, meters, TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimitFilter(RateLimitSettings settings, ServerCodecConfigurer codecs, MeterRegistry meters, TimeMeter time) {
        this.settings = settings;
        this.buckets = new TokenBuckets(settings.maxBuckets(), settings.idleExpiry(), time);
        this.problemWriter = new ProblemWriter(codecs);
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
        if (caller == null || !settings.enabled()) {
            return chain.filter(exchange);
        }
        boolean expensive = EXPENSIVE_ROUTES.stream().anyMatch(route -> route.matches(exchange.getRequest()));
        Decision decision = buckets.take(draws(caller, expensive ? EXPENSIVE : REQUESTS));
        decision.writeTo(exchange.getResponse().getHeaders());
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        meters.counter("query.ratelimit.refused", "scope", decision.draw().scope(), "pool", decision.draw().pool()).increment();
        return refuse(exchange, decision);
    }

    /** The key's bucket, then its tenant's; the operator key has only its own. */
    private List<Draw> draws(Caller caller, String pool) {
        List<Draw> draws = new ArrayList<>(2);
        String keyName = caller.keyId() == null ? "operator" : caller.keyId();
        draws.add(new Draw("key", keyName, pool, quota(pools(caller.role()), pool)));
        if (caller.role() != Role.OPERATOR && caller.tenant() != null) {
            draws.add(new Draw("tenant", caller.tenant(), pool, quota(settings.tenant(), pool)));
        }
        return draws;
    }

    private RateLimitSettings.Pools pools(Role role) {
        return switch (role) {
            case OPERATOR -> settings.operator();
            case ADMIN -> settings.admin();
            case VIEWER, INGEST -> settings.viewer();
        };
    }

    private static Quota quota(RateLimitSettings.Pools pools, String pool) {
        return pool.equals(EXPENSIVE) ? pools.expensive() : pools.requests();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Decision decision) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        Draw draw = decision.draw();
        String what = draw.pool().equals(EXPENSIVE)
                ? "exports, re-pricing, price imports and dry-runs, evaluations and test sends of budgets and rules"
                : "requests";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "This " + draw.scope() + " has used its rate limit for " + what + " (" + draw.quota().describe()
                        + "); slow down and retry after " + decision.retryAfterSeconds() + " s");
        problem.setTitle("Too Many Requests");
        try {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        } catch (IllegalArgumentException e) {
            // a raw path that is no valid URI reference: the problem is complete without it
        }
        problem.setProperty("retryAfterSeconds", decision.retryAfterSeconds());
        problem.setProperty("scope", draw.scope());
        problem.setProperty("pool", draw.pool());
        return problemWriter.write(response, problem);
    }
}
