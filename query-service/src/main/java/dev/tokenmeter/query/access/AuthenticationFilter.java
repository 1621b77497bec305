package dev.tokenmeter.query.access;

import dev.tokenmeter.query.QuerySettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Resolves every API request's {@code Authorization: Bearer <key>} to a {@link Caller}, stored in the
 * exchange under {@link Caller#ATTRIBUTE}, or answers problem details itself: 401 without a valid key,
 * 403 for an ingest key (it publishes events and reads nothing) or for a tenant key naming another
 * tenant with {@code tenant=}. Runs after the CORS filter, so refusals carry CORS headers and browsers
 * can read them; CORS preflights and the OpenAPI document need no key.
 */
@Component
class AuthenticationFilter implements WebFilter, Ordered {

    /** After {@link CorsConfig#ORDER}, before anything that could read data. */
    static final int ORDER = CorsConfig.ORDER + 100;
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);
    private static final String BEARER = "Bearer ";
    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final ApiKeys keys;
    private final String operatorKey;
    private final String openApiPath;
    private final HttpMessageWriter<ProblemDetail> problemWriter;

    AuthenticationFilter(ApiKeys keys, QuerySettings settings, ServerCodecConfigurer codecs,
                         @Value("${springdoc.api-docs.path:/api/v1/openapi.json}") String openApiPath) {
        this.keys = keys;
        this.operatorKey = settings.operatorKey().trim();
        this.openApiPath = openApiPath;
        this.problemWriter = problemWriter(codecs);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!needsKey(request)) {
            return chain.filter(exchange);
        }
        return authenticate(request)
                .onErrorResume(AccessRefused.class, refused -> refuse(exchange, refused).then(Mono.empty()))
                .flatMap(caller -> proceed(exchange, chain, caller));
    }

    private boolean needsKey(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        boolean openApi = path.equals(openApiPath) || path.startsWith(openApiPath + "/") || path.startsWith(openApiPath + ".");
        return path.startsWith("/api/") && !openApi && !CorsUtils.isPreFlightRequest(request);
    }

    private Mono<Caller> authenticate(ServerHttpRequest request) {
        return Mono.defer(() -> {
            String secret = bearer(request);
            List<String> named = tenantsNamed(request);
            if (!operatorKey.isEmpty() && KeySecrets.sameSecret(secret, operatorKey)) {
                return Mono.just(operator(named));
            }
            if (!KeySecrets.looksLikeSecret(secret)) {
                return Mono.error(AccessRefused.unknownKey());
            }
            return lookUp(secret)
                    .map(key -> tenantCaller(key, named));
        });
    }

    private Mono<ApiKeys.VerifiedKey> lookUp(String secret) {
        return keys.verify(secret)
                .onErrorMap(e -> {
                    log.warn("API key lookup failed", e);
                    return AccessRefused.keyStoreUnavailable();
                })
                .switchIfEmpty(Mono.error(AccessRefused::unknownKey));
    }

    private static String bearer(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw AccessRefused.noKey();
        }
        String secret = authorization.substring(BEARER.length()).trim();
        if (secret.isEmpty()) {
            throw AccessRefused.noKey();
        }
        return secret;
    }

    /** The distinct non-blank values of the {@code tenant} query parameter. */
    private static List<String> tenantsNamed(ServerHttpRequest request) {
        List<String> values = request.getQueryParams().getOrDefault("tenant", List.of());
        return values.stream()
                .filter(Objects::nonNull)
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .distinct()
                .toList();
    }

    private static Caller operator(List<String> named) {
        if (named.isEmpty()) {
            return new Caller(null, Role.OPERATOR, null);
        }
        if (named.size() > 1) {
            throw AccessRefused.badParameter("tenant", "name one tenant");
        }
        String tenant = named.get(0);
        if (!ApiKeys.isTenantId(tenant)) {
            throw AccessRefused.badParameter("tenant", ApiKeys.TENANT_RULE);
        }
        return new Caller(tenant, Role.OPERATOR, null);
    }

    private static Caller tenantCaller(ApiKeys.VerifiedKey key, List<String> named) {
        if (!key.role().canRead()) {
            throw AccessRefused.forbidden("An ingest key publishes events and reads nothing; use a viewer or admin key");
        }
        for (String tenant : named) {
            if (!tenant.equals(key.tenant())) {
                throw AccessRefused.forbidden("This key belongs to another tenant than the one named by 'tenant'");
            }
        }
        return new Caller(key.tenant(), key.role(), key.id());
    }

    private static Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, Caller caller) {
        exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, AccessRefused refused) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(refused.status());
        if (refused.status() == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        ProblemDetail problem = refused.problem(exchange.getRequest().getPath().value());
        return problemWriter.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, response, Map.of());
    }

    /** The writer handlers' problem details go through, so the filter's look exactly the same. */
    @SuppressWarnings("unchecked")
    private static HttpMessageWriter<ProblemDetail> problemWriter(ServerCodecConfigurer codecs) {
        return codecs.getWriters().stream()
                .filter(writer -> writer.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .map(writer -> (HttpMessageWriter<ProblemDetail>) writer)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JSON encoder for problem details"));
    }
}
