package dev.tokenmeter.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator lives on the management port only: the public port (the one the Ingress routes to) answers
 * 404 for {@code /actuator/**}, with or without a key, and never the dashboard's page; health details
 * and metrics that name tenants are read on the management port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789")
@WithInfrastructure
class ManagementPortIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(ManagementPortIT.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    MeterRegistry registry;

    @Test
    void actuatorIsNotFoundOnThePublicPortWithOrWithoutAKey() {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/info")) {
            client(port).get().uri(path).exchange().expectStatus().isNotFound();
            client(port).get().uri(path).header("Authorization", "Bearer op-secret-0123456789abcdef0123456789").exchange().expectStatus()
                    .isNotFound();
            client(port).get().uri(path).accept(MediaType.TEXT_HTML).exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void healthWithDetailsAndMetricsNamingTenantsAnswerOnTheManagementPort() {
        Gauge.builder("tokenmeter.budget.utilization", () -> 0.5).tags("budget", "bud_mgmt_it", "tenant", "acme-mgmt-it")
                .register(registry);

        JsonNode health = JSON.readTree(client(managementPort).get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("r2dbc").get("status").asString()).isEqualTo("UP");
        client(managementPort).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client(managementPort).get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

        String metrics = client(managementPort).get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("tokenmeter_budget_utilization\\{[^}]*tenant=\"acme-mgmt-it\"");
        client(port).get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
    }

    @Test
    void theManagementPortServesNoApi() {
        client(managementPort).get().uri("/api/v1/usage/summary").header("Authorization", "Bearer op-secret-0123456789abcdef0123456789")
                .exchange().expectStatus().isNotFound();
        client(managementPort).get().uri("/api/v1/keys").header("Authorization", "Bearer op-secret-0123456789abcdef0123456789")
                .exchange().expectStatus().isNotFound();
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}
