package dev.tokenmeter.query.access;

import dev.tokenmeter.query.web.BadParameter;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The body of {@code POST /api/v1/keys}: every field as sent, checked by the methods below.
 *
 * @param tenant the tenant of the new key; a tenant admin may omit it (its own), the operator may not
 * @param role   {@code admin}, {@code viewer} or {@code ingest}
 * @param name   what the key is for, 1-128 characters
 */
record KeyRequest(@Nullable String tenant, @Nullable String role, @Nullable String name) {

    static final int MAX_NAME = 128;
    private static final Set<Role> GRANTABLE = Set.of(Role.ADMIN, Role.VIEWER, Role.INGEST);

    /** The tenant the caller may create this key in: 400 when missing or malformed, 403 when not its own. */
    String tenantFor(Caller caller) {
        String asked = tenant == null || tenant.isBlank() ? caller.tenant() : tenant.trim();
        if (asked == null) {
            throw new BadParameter("tenant", "the operator key must name the tenant of the new key");
        }
        if (!ApiKeys.isTenantId(asked)) {
            throw new BadParameter("tenant", ApiKeys.TENANT_RULE);
        }
        if (caller.isOperator()) {
            if (caller.tenant() != null && !caller.tenant().equals(asked)) {
                throw new BadParameter("tenant", "the body and the query name different tenants");
            }
        } else if (!asked.equals(caller.tenant())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "An admin key creates keys of its own tenant only");
        }
        return asked;
    }

    Role keyRole() {
        if (role != null) {
            for (Role grantable : GRANTABLE) {
                if (grantable.code().equals(role.trim())) {
                    return grantable;
                }
            }
        }
        throw new BadParameter("role", "must be one of admin, viewer, ingest");
    }

    String keyName() {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new BadParameter("name", "must be 1-" + MAX_NAME + " characters, not all blank");
        }
        return name;
    }
}
