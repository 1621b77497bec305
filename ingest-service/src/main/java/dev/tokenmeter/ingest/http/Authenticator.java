package dev.tokenmeter.ingest.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who sends an ingest request, for both ingest endpoints: the ingest key of its {@code Authorization: Bearer <key>},
 * then one request taken from that key's and its tenant's rate limits.
 */
@Component
record Authenticator(IngestKeys keys, RateLimits limits) {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    /**
     * The tenant of the request's key, once the key's and the tenant's rate limits allowed the request (their
     * {@code RateLimit-*} headers are written to the response). Fails with an {@link IngestProblem} as
     * {@link #authenticate} does, or {@link RateLimits.RateLimited}.
     */
    Mono<String> tenant(ServerWebExchange exchange) {
        return authenticate(exchange.getRequest().getHeaders())
                .doOnNext(key -> limits.take(key).ifPresent(decision -> decision.writeTo(exchange.getResponse().getHeaders())))
                .map(IngestKey::tenant);
    }

    /** The key, or an {@link IngestProblem}: 401 for a missing or unknown key, 503 when the key store did not answer. */
    Mono<IngestKey> authenticate(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(IngestProblem.unauthorized());
        }
        return keys.find(authorization.substring(7).trim())
                .onErrorMap(e -> {
                    log.warn("Ingest key lookup failed", e);
                    return IngestProblem.keyStoreUnavailable();
                })
                .switchIfEmpty(Mono.error(IngestProblem::unauthorized));
    }
}
