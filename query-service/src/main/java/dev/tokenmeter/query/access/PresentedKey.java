package dev.tokenmeter.query.access;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * What a request presents before it is checked: the bearer secret and the tenants it names with
 * {@code tenant=}. Never authenticated; {@link KeyAuthenticationManager} turns it into a
 * {@link CallerAuthentication} or refuses it.
 */
final class PresentedKey extends AbstractAuthenticationToken {

    private final String secret;
    private final List<String> tenantsNamed;
    private final boolean ingestKeysAllowed;

    /** @param ingestKeysAllowed whether the request is one an ingest key may make ({@code GET /api/v1/budgets/check}) */
    PresentedKey(String secret, List<String> tenantsNamed, boolean ingestKeysAllowed) {
        super(List.of());
        this.secret = secret;
        this.tenantsNamed = List.copyOf(tenantsNamed);
        this.ingestKeysAllowed = ingestKeysAllowed;
        setAuthenticated(false);
    }

    boolean ingestKeysAllowed() {
        return ingestKeysAllowed;
    }

    String secret() {
        return secret;
    }

    List<String> tenantsNamed() {
        return tenantsNamed;
    }

    @Override
    public Object getCredentials() {
        return secret;
    }

    /** Not the secret: whatever logs a principal must not log a key. */
    @Override
    public Object getPrincipal() {
        return "bearer key";
    }
}
