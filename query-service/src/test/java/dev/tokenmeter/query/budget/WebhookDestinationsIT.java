package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.outbound.HostResolver;
import dev.tokenmeter.query.outbound.OutboundRefused;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where budget webhooks may go, against the real PostgreSQL and a real HTTP listener on loopback: the
 * operator allow-lists the name {@code allowed.test} only; the test's resolver answers 127.0.0.1 for it
 * and for {@code loopback.test} (there is no outside DNS here). Loopback, private, link-local and
 * metadata destinations are refused at send time, the listener never sees them, and the delivery log
 * says why without naming an address; creating such a channel is a 400; viewers see URLs masked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789",
        "tokenmeter.budgets.evaluation-interval=1h",
        "tokenmeter.alerts.delivery.poll-interval=50ms",
        "tokenmeter.alerts.delivery.first-retry-delay=100ms",
        "tokenmeter.alerts.delivery.retry-multiplier=1",
        "tokenmeter.alerts.delivery.max-retry-delay=100ms",
        "tokenmeter.alerts.delivery.give-up-after=1s",
        "tokenmeter.outbound.allow=allowed.test"})
@WithInfrastructure
class WebhookDestinationsIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(WebhookDestinationsIT.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SECRET = "whsec_destinations_it_0123";
    @AutoClose
    static final Receiver receiver = Receiver.start();
    static final Spend spend = new Spend(infra, database);

    @TestConfiguration
    static class Dns {
        /** {@code allowed.test} and {@code loopback.test} resolve to loopback; nothing else resolves. */
        @Bean
        HostResolver hostResolver() {
            return host -> {
                if (host.equals("allowed.test") || host.equals("loopback.test")) {
                    return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
                }
                throw new UnknownHostException(host);
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Evaluator evaluator;

    @Test
    void nonPublicDestinationsAreRefusedAtSendTimeWhileAnAllowListedReceiverGetsSignedDeliveries() throws Exception {
        String admin = key("dest-a", "admin");
        String viewer = key("dest-a", "viewer");
        int p = receiver.port();
        receiver.redirect("/ok/redirect", "http://127.0.0.1:" + p + "/refused/redirected");
        // Stored as they might have been before the rule (or while the allow-list named them); written
        // over placeholder channels in the table, since the API now refuses them (see the next test).
        List<String> refused = List.of(
                "http://127.0.0.1:" + p + "/refused/v4",
                "https://127.0.0.1:" + p + "/refused/v4-https",
                "http://10.0.0.1:" + p + "/refused/private",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "http://[::1]:" + p + "/refused/v6",
                "http://[::ffff:127.0.0.1]:" + p + "/refused/mapped",
                "http://localhost:" + p + "/refused/localhost");
        List<String> channels = new ArrayList<>();
        channels.add("{\"url\": \"http://allowed.test:%d/ok/json\", \"secret\": \"%s\"}".formatted(p, SECRET));
        channels.add("{\"url\": \"http://allowed.test:%d/ok/redirect\", \"secret\": \"%s\"}".formatted(p, SECRET));
        channels.add("{\"url\": \"https://loopback.test:%d/refused/name\", \"format\": \"slack\"}".formatted(p));
        refused.forEach(url -> channels.add("{\"url\": \"https://placeholder.example.com/\", \"secret\": \"%s\"}".formatted(SECRET)));
        JsonNode budget = created(admin, """
                {"name": "Destinations", "period": "day", "limitUsd": 10, "thresholds": [50],
                 "channels": [%s]}""".formatted(String.join(", ", channels)));
        storeUrls(budget, 3, refused);

        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        spend.add("dest-a", "a1", day.atTime(9, 0).toInstant(ZoneOffset.UTC), "6");
        assertThat(evaluator.evaluate(day.atTime(23, 0).toInstant(ZoneOffset.UTC)).block()).isEqualTo(1);

        // Retried every 100 ms until the 1 s horizon: then every failing delivery is given up.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode deliveries = get("/api/v1/alerts", admin).get("items").get(0).get("deliveries");
            return deliveries.size() == 10 && java.util.stream.StreamSupport.stream(deliveries.spliterator(), false)
                    .allMatch(d -> d.get("state").stringValue().equals("delivered") || d.get("state").stringValue().equals("given_up"));
        });
        List<Receiver.Received> delivered = receiver.received("/ok/json");
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).signature())
                .isEqualTo(Signature.sign(SECRET, Long.parseLong(delivered.get(0).timestamp()), delivered.get(0).body()));
        assertThat(receiver.received("/ok/redirect")).hasSizeGreaterThanOrEqualTo(2); // answered 302 on every try, never followed
        assertThat(receiver.received()).extracting(Receiver.Received::path).noneMatch(path -> path.startsWith("/refused"));

        JsonNode alert = get("/api/v1/alerts", admin).get("items").get(0);
        assertThat(alert.get("delivery").stringValue()).isEqualTo("given_up");
        Map<String, List<JsonNode>> byUrl = new java.util.HashMap<>();
        alert.get("attempts")
                .forEach(attempt -> byUrl.computeIfAbsent(attempt.get("url").stringValue(), u -> new ArrayList<>()).add(attempt));
        assertThat(byUrl.get("http://allowed.test:" + p + "/ok/json")).singleElement()
                .satisfies(attempt -> assertThat(attempt.get("ok").booleanValue()).isTrue());
        assertThat(byUrl.get("http://allowed.test:" + p + "/ok/redirect")).hasSize(receiver.received("/ok/redirect").size())
                .allSatisfy(attempt -> assertThat(attempt.get("error").stringValue()).isEqualTo("HTTP 302"));
        List<String> refusedHere = new ArrayList<>(refused);
        refusedHere.add("https://loopback.test:" + p + "/refused/name");
        for (String url : refusedHere) {
            assertThat(byUrl.get(url)).as(url).isNotEmpty().allSatisfy(attempt -> {
                assertThat(attempt.get("error").stringValue()).isEqualTo(OutboundRefused.NON_PUBLIC);
                assertThat(attempt.get("statusCode").isNull()).isTrue();
                assertThat(attempt.get("ok").booleanValue()).isFalse();
            });
        }

        // Viewers see the same log with every URL cut to scheme, host and port.
        JsonNode seen = get("/api/v1/alerts", viewer).get("items").get(0);
        assertThat(seen.get("attempts")).hasSameSizeAs(alert.get("attempts"));
        seen.get("deliveries").forEach(delivery -> assertThat(delivery.get("url").stringValue()).endsWith("/…"));
        seen.get("attempts")
                .forEach(attempt -> assertThat(attempt.get("url").stringValue()).endsWith("/…").doesNotContain("refused", "ok/"));
        assertThat(seen.toString()).doesNotContain("meta-data", "security-credentials");
    }

    @Test
    void aChannelToANonPublicAddressOrOverHttpIsA400NamingItsField() {
        String admin = key("dest-b", "admin");
        for (String url : List.of("http://127.0.0.1:9/x", "https://127.0.0.1/x", "https://10.0.0.1/x", "https://169.254.169.254/latest/",
                "https://[::1]/x", "https://[::ffff:10.0.0.1]/x", "https://[fd00:ec2::254]/", "https://metadata.google.internal/x",
                "https://localhost/x", "https://2130706433/", "http://hooks.example.com/x")) {
            String body = """
                    {"name": "Refused", "period": "day", "limitUsd": 1,
                     "channels": [{"url": "https://hooks.example.com/ok", "secret": "%s"}, {"url": "%s", "secret": "%s"}]}"""
                    .formatted(SECRET, url, SECRET);
            EntityExchangeResult<String> answer = send(HttpMethod.POST, "/api/v1/budgets", admin, body);
            assertThat(answer.getStatus().value()).as(url + " answered " + answer.getResponseBody()).isEqualTo(400);
            JsonNode problem = JSON.readTree(answer.getResponseBody());
            assertThat(problem.get("parameter").stringValue()).isEqualTo("channels[1].url");
            assertThat(problem.get("detail").stringValue())
                    .contains(url.startsWith("http:") && url.contains("example") ? "https" : "private");
        }
        JsonNode budget = created(admin, """
                {"name": "Fine", "period": "day", "limitUsd": 1, "channels": [{"url": "https://hooks.example.com/ok", "secret": "%s"}]}"""
                .formatted(SECRET));
        EntityExchangeResult<String> put = send(HttpMethod.PUT, "/api/v1/budgets/" + budget.get("id").stringValue(), admin, """
                {"name": "Fine", "period": "day", "limitUsd": 1, "channels": [{"url": "http://10.0.0.1/x", "secret": "%s"}]}"""
                .formatted(SECRET));
        assertThat(put.getStatus().value()).isEqualTo(400);
        assertThat(JSON.readTree(put.getResponseBody()).get("parameter").stringValue()).isEqualTo("channels[0].url");
    }

    @Test
    void viewersSeeChannelUrlsMaskedAndAdminsWhole() {
        String admin = key("dest-c", "admin");
        String viewer = key("dest-c", "viewer");
        String slack = "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx";
        String id = created(admin, """
                {"name": "Slack", "period": "day", "limitUsd": 1, "channels": [{"url": "%s", "format": "slack"},
                 {"url": "http://allowed.test:8080/hook?token=abc", "secret": "%s"}]}""".formatted(slack, SECRET)).get("id").stringValue();

        for (JsonNode seen : List.of(get("/api/v1/budgets/" + id, viewer), get("/api/v1/budgets", viewer).get("items").get(0))) {
            assertThat(seen.get("channels").get(0).get("url").stringValue()).isEqualTo("https://hooks.slack.com/…");
            assertThat(seen.get("channels").get(1).get("url").stringValue()).isEqualTo("http://allowed.test:8080/…");
            assertThat(seen.toString()).doesNotContain("T0123ABCD", "token=abc");
        }
        assertThat(get("/api/v1/budgets/" + id, admin).get("channels").get(0).get("url").stringValue()).isEqualTo(slack);
        assertThat(get("/api/v1/budgets?tenant=dest-c", "op-secret-0123456789abcdef0123456789").get("items").get(0).get("channels").get(1)
                .get("url").stringValue())
                .isEqualTo("http://allowed.test:8080/hook?token=abc");
    }

    /** Writes URLs over the budget's channels from position {@code from} on, straight into the table. */
    private static void storeUrls(JsonNode budget, int from, List<String> urls) throws Exception {
        try (var connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                var update = connection.prepareStatement("UPDATE budget_channel SET url = ? WHERE id = ?")) {
            for (int i = 0; i < urls.size(); i++) {
                update.setString(1, urls.get(i));
                update.setString(2, budget.get("channels").get(from + i).get("id").stringValue());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private JsonNode created(String key, String body) {
        EntityExchangeResult<String> created = send(HttpMethod.POST, "/api/v1/budgets", key, body);
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        return JSON.readTree(created.getResponseBody());
    }

    private String key(String tenant, String role) {
        EntityExchangeResult<String> created = send(HttpMethod.POST, "/api/v1/keys", "op-secret-0123456789abcdef0123456789",
                JSON.writeValueAsString(Map.of("tenant", tenant, "role", role, "name", role + " key")));
        return JSON.readTree(created.getResponseBody()).get("secret").stringValue();
    }

    private JsonNode get(String uri, String key) {
        EntityExchangeResult<String> answer = send(HttpMethod.GET, uri, key, null);
        assertThat(answer.getStatus().value()).as(uri + " answered " + answer.getResponseBody()).isEqualTo(200);
        return JSON.readTree(answer.getResponseBody());
    }

    private EntityExchangeResult<String> send(HttpMethod method, String uri, String key, String body) {
        WebTestClient.RequestBodySpec request = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build()
                .method(method).uri(uri).header("Authorization", "Bearer " + key);
        WebTestClient.RequestHeadersSpec<?> withBody = body == null
                ? request
                : request.header("Content-Type", "application/json").bodyValue(body);
        return withBody.exchange().expectBody(String.class).returnResult();
    }
}
