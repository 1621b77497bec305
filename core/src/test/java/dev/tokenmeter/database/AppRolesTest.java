package dev.tokenmeter.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppRolesTest {

    @Test
    void theGroupIsCreatedBeforeEachLoginInItAndOnlyWhereMissing() {
        String sql = AppRoles.createIfMissing("secret", "svc_a", "svc_b");

        assertThat(sql).startsWith("DO $$").endsWith("$$");
        assertThat(sql.indexOf("CREATE ROLE tokenmeter_app NOLOGIN;"))
                .isPositive()
                .isLessThan(sql.indexOf("CREATE ROLE svc_a LOGIN PASSWORD 'secret' IN ROLE tokenmeter_app;"));
        assertThat(sql).contains("CREATE ROLE svc_b LOGIN PASSWORD 'secret' IN ROLE tokenmeter_app;");
        assertThat(sql.split("IF NOT EXISTS \\(SELECT FROM pg_roles WHERE rolname = ", -1)).hasSize(4);
    }
}
