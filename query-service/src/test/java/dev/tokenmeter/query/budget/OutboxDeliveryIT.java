package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.QueryApplication;
import dev.tokenmeter.testsupport.Infrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox against the real PostgreSQL, real HTTP receivers and whole query-service instances with
 * short backoff settings: a receiver that is down gets the alert once it is back, across a restart of
 * the service between attempts, exactly once per delivery id; two instances delivering the same outbox
 * never both send a delivery.
 */
class OutboxDeliveryIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.createDatabase("alert_outbox");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OPERATOR = "op-secret-0123456789abcdef0123456789";
    static final String SECRET = "whsec_outbox_it_0123456789";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final Spend spend = new Spend(infra, database);

    @Test
    void aReceiverDownForAWhileGetsTheAlertOnceAfterItComesBackAndARestartBetweenAttemptsLosesNothing() {
        int port = Receiver.freePort();
        LocalDate day = TODAY.minusDays(3);
        String alertId;
        String deliveryId;
        try (ConfigurableApplicationContext first = instance()) {
            String admin = key(first, "outbox-a");
            create(first, admin, """
                    {"name": "Down receiver", "period": "day", "limitUsd": 10, "thresholds": [50],
                     "channels": [{"url": "http://127.0.0.1:%d/hook", "secret": "%s"}]}""".formatted(port, SECRET));
            spend.add("outbox-a", "a1", day.atTime(9, 0).toInstant(ZoneOffset.UTC), "6");
            assertThat(first.getBean(Evaluator.class).evaluate(day.atTime(23, 0).toInstant(ZoneOffset.UTC)).block()).isEqualTo(1);

            // Nothing listens: attempts fail (connection refused) and are rescheduled.
            await().atMost(Duration.ofSeconds(20)).until(() -> delivery(first, admin).get("attempts").intValue() >= 2);
            JsonNode failing = alert(first, admin);
            alertId = failing.get("id").stringValue();
            JsonNode delivery = failing.get("deliveries").get(0);
            deliveryId = delivery.get("id").stringValue();
            assertThat(delivery.get("state").stringValue()).isEqualTo("failed");
            assertThat(delivery.get("lastError").stringValue()).isEqualTo("connection failed");
            assertThat(delivery.get("nextAttemptAt").isNull()).isFalse();
            assertThat(failing.get("delivery").stringValue()).isEqualTo("retrying");
        }
        // The service is down while the receiver comes back; a new instance picks the delivery up.
        try (Receiver receiver = Receiver.start(port); ConfigurableApplicationContext second = instance()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received("/hook").isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> receiver.received("/hook").size() == 1);
            Receiver.Received got = receiver.received("/hook").get(0);
            assertThat(got.delivery()).isEqualTo(deliveryId);
            assertThat(got.signature()).isEqualTo(Receiver.signature(SECRET, got.timestamp() + "." + got.body()));
            assertThat(JSON.readTree(got.body()).get("id").stringValue()).isEqualTo(alertId);

            String admin = key(second, "outbox-a");
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(second, admin).get("state").stringValue().equals("delivered"));
            JsonNode delivered = alert(second, admin);
            assertThat(delivered.get("delivery").stringValue()).isEqualTo("delivered");
            JsonNode delivery = delivered.get("deliveries").get(0);
            assertThat(delivery.get("id").stringValue()).isEqualTo(deliveryId);
            assertThat(delivery.get("attempts").intValue()).isGreaterThanOrEqualTo(3);
            assertThat(delivery.get("lastStatusCode").intValue()).isEqualTo(200);
            assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
            JsonNode attempts = delivered.get("attempts");
            assertThat(attempts.get(attempts.size() - 1).get("ok").booleanValue()).isTrue();
            assertThat(attempts.get(0).get("error").stringValue()).isEqualTo("connection failed");
        }
    }

    @Test
    void twoInstancesDeliveringOneOutboxNeverBothSendADelivery() {
        try (Receiver receiver = Receiver.start();
                ConfigurableApplicationContext first = instance();
                ConfigurableApplicationContext second = instance()) {
            String admin = key(first, "outbox-b");
            LocalDate day = TODAY.minusDays(5);
            int budgets = 12;
            for (int i = 0; i < budgets; i++) {
                create(i % 2 == 0 ? first : second, admin, """
                        {"name": "Shared %d", "period": "day", "limitUsd": 10, "scope": {"project": ["p%d"]},
                         "channels": [{"url": "%s", "secret": "%s"}, {"url": "%s", "format": "slack"}]}"""
                        .formatted(i, i, receiver.url("/json"), SECRET, receiver.url("/slack")));
                spend.add("outbox-b", "b" + i, day.atTime(8, 0).toInstant(ZoneOffset.UTC), "p" + i, "10.5");
            }
            // 12 budgets past 50, 80 and 100 %: 36 alerts, 72 deliveries, claimed by two workers polling every 50 ms.
            assertThat(first.getBean(Evaluator.class).evaluate(day.atTime(23, 0).toInstant(ZoneOffset.UTC)).block()).isEqualTo(3 * budgets);
            int expected = 2 * 3 * budgets;
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= expected);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> receiver.received().size() == expected);

            Map<String, Long> perDelivery = receiver.received().stream()
                    .collect(Collectors.groupingBy(Receiver.Received::delivery, Collectors.counting()));
            assertThat(perDelivery).hasSize(expected);
            assertThat(perDelivery.values()).containsOnly(1L);
            List<String> inApi = new ArrayList<>();
            for (JsonNode alert : get(first, "/api/v1/alerts?limit=1000", admin).get("items")) {
                alert.get("deliveries").forEach(d -> inApi.add(d.get("id").stringValue()));
            }
            assertThat(inApi).containsExactlyInAnyOrderElementsOf(perDelivery.keySet());
            double firstSent = sent(first);
            double secondSent = sent(second);
            assertThat(firstSent + secondSent).isEqualTo(expected);
            System.out.printf("Deliveries sent by the first instance: %.0f, by the second: %.0f%n", firstSent, secondSent);
        }
    }

    private static double sent(ConfigurableApplicationContext instance) {
        return instance.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("tokenmeter.alerts.deliveries")
                .tag("outcome", "delivered").counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static JsonNode alert(ConfigurableApplicationContext instance, String key) {
        return get(instance, "/api/v1/alerts", key).get("items").get(0);
    }

    private static JsonNode delivery(ConfigurableApplicationContext instance, String key) {
        JsonNode items = get(instance, "/api/v1/alerts", key).get("items");
        return items.isEmpty() || items.get(0).get("deliveries").isEmpty()
                ? JSON.readTree("{\"attempts\": 0, \"state\": \"none\"}")
                : items.get(0).get("deliveries").get(0);
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(QueryApplication.class).run(
                "--server.port=0",
                "--management.server.port=-1", // several instances run in this JVM
                "--spring.r2dbc.url=" + infra.r2dbcUrl(database),
                "--spring.r2dbc.username=" + infra.username(),
                "--spring.r2dbc.password=" + infra.password(),
                "--spring.flyway.url=" + infra.jdbcUrl(database),
                "--tokenmeter.query.operator-key=" + OPERATOR,
                "--tokenmeter.budgets.evaluate=false", // the tests evaluate explicitly
                "--tokenmeter.outbound.allow=127.0.0.1",
                "--tokenmeter.alerts.delivery.poll-interval=50ms",
                "--tokenmeter.alerts.delivery.first-retry-delay=300ms",
                "--tokenmeter.alerts.delivery.retry-multiplier=2",
                "--tokenmeter.alerts.delivery.max-retry-delay=1s",
                "--tokenmeter.alerts.delivery.timeout=2s",
                "--tokenmeter.alerts.delivery.claim-timeout=10s");
    }

    private static String key(ConfigurableApplicationContext instance, String tenant) {
        String body = client(instance).post().uri("/api/v1/keys").header("Authorization", "Bearer " + OPERATOR)
                .header("Content-Type", "application/json")
                .bodyValue(JSON.writeValueAsString(Map.of("tenant", tenant, "role", "admin", "name", "admin " + System.nanoTime())))
                .exchange().expectStatus().isEqualTo(HttpStatus.CREATED).expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body).get("secret").stringValue();
    }

    private static void create(ConfigurableApplicationContext instance, String key, String budget) {
        client(instance).post().uri("/api/v1/budgets").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").bodyValue(budget)
                .exchange().expectStatus().isEqualTo(HttpStatus.CREATED);
    }

    private static JsonNode get(ConfigurableApplicationContext instance, String uri, String key) {
        return JSON.readTree(client(instance).get().uri(uri).header("Authorization", "Bearer " + key)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private static WebTestClient client(ConfigurableApplicationContext instance) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + instance.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

}
