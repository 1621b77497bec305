package dev.tokenmeter.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.web.BadParameter;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class KeyRequestTest {

    static final Caller ADMIN_OF_A = new Caller("a", Role.ADMIN, "key_0123456789abcdef");
    static final Caller OPERATOR = new Caller(null, Role.OPERATOR, null);

    @Test
    void anAdminsKeyDefaultsToItsOwnTenant() {
        assertThat(new KeyRequest(null, "viewer", "x").tenantFor(ADMIN_OF_A)).isEqualTo("a");
        assertThat(new KeyRequest(" ", "viewer", "x").tenantFor(ADMIN_OF_A)).isEqualTo("a");
        assertThat(new KeyRequest("a", "viewer", "x").tenantFor(ADMIN_OF_A)).isEqualTo("a");
    }

    @Test
    void anAdminCannotCreateKeysOfAnotherTenant() {
        assertThatThrownBy(() -> new KeyRequest("b", "viewer", "x").tenantFor(ADMIN_OF_A))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void theOperatorMustNameAWellFormedTenant() {
        assertThat(new KeyRequest("b", "viewer", "x").tenantFor(OPERATOR)).isEqualTo("b");
        assertThat(new KeyRequest(null, "viewer", "x").tenantFor(new Caller("c", Role.OPERATOR, null))).isEqualTo("c");
        assertBadParameter(() -> new KeyRequest(null, "viewer", "x").tenantFor(OPERATOR), "tenant");
        assertBadParameter(() -> new KeyRequest("B", "viewer", "x").tenantFor(OPERATOR), "tenant");
        assertBadParameter(() -> new KeyRequest("a".repeat(65), "viewer", "x").tenantFor(OPERATOR), "tenant");
        assertBadParameter(() -> new KeyRequest("b", "viewer", "x").tenantFor(new Caller("c", Role.OPERATOR, null)), "tenant");
    }

    @Test
    void onlyAdminViewerAndIngestRolesAreGranted() {
        assertThat(new KeyRequest(null, "admin", "x").keyRole()).isEqualTo(Role.ADMIN);
        assertThat(new KeyRequest(null, "viewer", "x").keyRole()).isEqualTo(Role.VIEWER);
        assertThat(new KeyRequest(null, "ingest", "x").keyRole()).isEqualTo(Role.INGEST);
        for (String role : new String[] {null, "", "operator", "ADMIN", "owner"}) {
            assertBadParameter(() -> new KeyRequest(null, role, "x").keyRole(), "role");
        }
    }

    @Test
    void aNameHasOneTo128Characters() {
        assertThat(new KeyRequest(null, "viewer", "n").keyName()).isEqualTo("n");
        assertThat(new KeyRequest(null, "viewer", "n".repeat(128)).keyName()).hasSize(128);
        for (String name : new String[] {null, "", "   ", "n".repeat(129)}) {
            assertBadParameter(() -> new KeyRequest(null, "viewer", name).keyName(), "name");
        }
    }

    static void assertBadParameter(Runnable check, String parameter) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(BadParameter.class, e -> assertThat(e.parameter()).isEqualTo(parameter));
    }
}
