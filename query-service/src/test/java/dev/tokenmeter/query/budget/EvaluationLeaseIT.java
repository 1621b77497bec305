package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.QueryApplication;
import dev.tokenmeter.testsupport.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two query instances on one database, both scheduled to evaluate budgets every 300 ms: only the one
 * holding the evaluation lease evaluates (only its registry gets the budget's utilization gauge, which
 * evaluation records); when it shuts down, the other takes over within a few ticks.
 */
class EvaluationLeaseIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.createDatabase("evaluation_lease");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void onlyTheLeaseHolderEvaluatesAndAnotherTakesOverWhenItStops() {
        ConfigurableApplicationContext first = instance();
        ConfigurableApplicationContext second = instance();
        try {
            String budget = createBudget(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> evaluated(first, budget) || evaluated(second, budget));
            ConfigurableApplicationContext holder = evaluated(first, budget) ? first : second;
            ConfigurableApplicationContext other = holder == first ? second : first;
            // Ten more ticks: still only the holder.
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
            assertThat(evaluated(other, budget)).isFalse();

            holder.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> evaluated(other, budget));
        } finally {
            first.close();
            second.close();
        }
    }

    private static boolean evaluated(ConfigurableApplicationContext instance, String budget) {
        return instance.isActive()
                && instance.getBean(MeterRegistry.class).find(UtilizationGauges.NAME).tag("budget", budget).gauge() != null;
    }

    private static String createBudget(ConfigurableApplicationContext instance) {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + instance.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
        String key = JSON.readTree(client.post().uri("/api/v1/keys").header("Authorization", "Bearer op-secret-0123456789abcdef0123456789")
                .header("Content-Type", "application/json")
                .bodyValue(JSON.writeValueAsString(Map.of("tenant", "lease-a", "role", "admin", "name", "admin")))
                .exchange().expectStatus().isEqualTo(HttpStatus.CREATED).expectBody(String.class).returnResult().getResponseBody())
                .get("secret").stringValue();
        String body = client.post().uri("/api/v1/budgets").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .bodyValue("{\"name\": \"Leased\", \"period\": \"day\", \"limitUsd\": 10}")
                .exchange().expectStatus().isEqualTo(HttpStatus.CREATED).expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body).get("id").stringValue();
    }

    private static ConfigurableApplicationContext instance() {
        List<String> arguments = new ArrayList<>(infra.springArguments(database));
        arguments.addAll(List.of(
                "--server.port=0",
                "--tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789",
                "--management.server.port=-1", // no actuator over HTTP: two instances run in this JVM
                "--tokenmeter.budgets.evaluation-interval=300ms"));
        return new SpringApplicationBuilder(QueryApplication.class).run(arguments.toArray(String[]::new));
    }
}
