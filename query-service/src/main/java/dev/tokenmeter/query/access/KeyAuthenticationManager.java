package dev.tokenmeter.query.access;

import dev.tokenmeter.query.QuerySettings;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a {@link PresentedKey}: the operator key of the configuration (compared in constant time,
 * no lookup), else a stored key by the hash of its secret ({@link ApiKeys}). Answers a
 * {@link CallerAuthentication}, or fails with {@link AccessRefused}: 401 for an unknown or revoked
 * key, 403 for an ingest key (it publishes and reads nothing) or a tenant key naming another tenant,
 * 400 for a bad {@code tenant}, 503 when the key store does not answer.
 */
@Component
class KeyAuthenticationManager implements ReactiveAuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(KeyAuthenticationManager.class);

    private final ApiKeys keys;
    private final String operatorKey;

    KeyAuthenticationManager(ApiKeys keys, QuerySettings settings) {
        this.keys = keys;
        this.operatorKey = settings.operatorKey().trim();
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof PresentedKey presented)) {
            return Mono.empty();
        }
        return caller(presented)
                .map(CallerAuthentication::new);
    }

    private Mono<Caller> caller(PresentedKey presented) {
        return Mono.defer(() -> {
            String secret = presented.secret();
            if (!operatorKey.isEmpty() && KeySecrets.sameSecret(secret, operatorKey)) {
                return Mono.just(operator(presented.tenantsNamed()));
            }
            if (!KeySecrets.looksLikeSecret(secret)) {
                return Mono.error(AccessRefused.unknownKey());
            }
            return lookUp(secret)
                    .map(key -> tenantCaller(key, presented.tenantsNamed(), presented.ingestKeysAllowed()));
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

    private static Caller tenantCaller(ApiKeys.VerifiedKey key, List<String> named, boolean ingestKeysAllowed) {
        if (!key.role().canRead() && !ingestKeysAllowed) {
            throw AccessRefused.forbidden("An ingest key publishes events and reads nothing; use a viewer or admin key");
        }
        for (String tenant : named) {
            if (!tenant.equals(key.tenant())) {
                throw AccessRefused.forbidden("This key belongs to another tenant than the one named by 'tenant'");
            }
        }
        return new Caller(key.tenant(), key.role(), key.id());
    }
}
