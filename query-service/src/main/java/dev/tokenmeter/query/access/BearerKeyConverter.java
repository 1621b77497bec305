package dev.tokenmeter.query.access;

import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads {@code Authorization: Bearer <key>} and the {@code tenant} parameter into a
 * {@link PresentedKey}; a request without a bearer key is refused with 401 here.
 */
final class BearerKeyConverter implements ServerAuthenticationConverter {

    private static final String BEARER = "Bearer ";
    static final String BUDGET_CHECK = "/api/v1/budgets/check";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return Mono.fromCallable(() -> new PresentedKey(bearer(exchange.getRequest()), tenantsNamed(exchange.getRequest()),
                ingestKeysAllowed(exchange.getRequest())));
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

    /** The one request an ingest key may make: a gateway asking whether a call is within its hard budgets. */
    static boolean ingestKeysAllowed(org.springframework.http.server.reactive.ServerHttpRequest request) {
        return request.getMethod() == org.springframework.http.HttpMethod.GET
                && request.getPath().pathWithinApplication().value().equals(BUDGET_CHECK);
    }
}
