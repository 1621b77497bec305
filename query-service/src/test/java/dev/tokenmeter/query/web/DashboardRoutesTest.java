package dev.tokenmeter.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardRoutesTest {

    @Test
    void appRoutesGetTheIndexAndEverythingElsePassesThrough() {
        assertThat(DashboardRoutes.isAppRoute("/")).isTrue();
        assertThat(DashboardRoutes.isAppRoute("/log")).isTrue();
        assertThat(DashboardRoutes.isAppRoute("/budgets/b_1")).isTrue();
        assertThat(DashboardRoutes.isAppRoute("/assets/index-abc.js")).isFalse();
        assertThat(DashboardRoutes.isAppRoute("/favicon.svg")).isFalse();
        assertThat(DashboardRoutes.isAppRoute("/api/v1/usage/summary")).isFalse();
        assertThat(DashboardRoutes.isAppRoute("/api")).isFalse();
        assertThat(DashboardRoutes.isAppRoute("/actuator/health")).isFalse();
    }
}
