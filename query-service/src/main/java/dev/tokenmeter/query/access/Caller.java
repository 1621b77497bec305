package dev.tokenmeter.query.access;

import dev.tokenmeter.query.web.BadParameter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who is asking, resolved from the request's key. Handlers declare a {@code Caller} parameter to
 * get it, and scope every query to {@link #requireTenant()}.
 *
 * @param tenant the tenant the request reads: the key's own, or the one the operator named with
 *               {@code tenant=}; null only for an operator request that named none
 * @param role   the key's role
 * @param keyId  the key's id, null for the operator key
 */
public record Caller(@Nullable String tenant, Role role, @Nullable String keyId) {

    /** Exchange attribute under which the authentication filter stores the caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    /** The tenant to read; the operator must have named one. */
    public String requireTenant() {
        if (tenant == null) {
            throw new BadParameter("tenant", "the operator key reads a tenant only when the request names it: add tenant=<id>");
        }
        return tenant;
    }

    /** Refuses with 403 unless the caller may change its tenant's settings: an admin key or the operator. */
    public void requireManager() {
        if (!role.canManage()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "A " + role.code() + " key cannot do this; use an admin key of the tenant");
        }
    }

    /** Whether this is the operator key of the configuration. */
    public boolean isOperator() {
        return role == Role.OPERATOR;
    }
}
