package dev.tokenmeter.ingest.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/** The ingest key of a request's {@code Authorization: Bearer <key>}, for both ingest endpoints. */
final class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final IngestKeys keys;

    Authenticator(IngestKeys keys) {
        this.keys = keys;
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
