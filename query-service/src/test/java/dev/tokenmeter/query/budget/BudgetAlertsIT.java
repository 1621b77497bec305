package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.query.QueryApplication;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budgets end to end against the real PostgreSQL and a real HTTP listener: thresholds alert once
 * each, signed; replays send nothing more; a new period re-arms; failed deliveries are retried and
 * logged; concurrent evaluators in two application contexts send each alert once.
 *
 * <p>Each test has its own tenant and its own days (the past ones evaluated explicitly), so that
 * evaluating every budget at one test's instant finds nothing to do for the others'.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789",
        // The test receiver listens on loopback, which only the operator's allow-list may open.
        "tokenmeter.outbound.allow=127.0.0.1",
        // The schedule runs, but not during the tests: they evaluate explicitly.
        "tokenmeter.budgets.evaluation-interval=1h",
        "tokenmeter.alerts.delivery.poll-interval=50ms",
        "tokenmeter.alerts.delivery.first-retry-delay=200ms",
        "tokenmeter.alerts.delivery.retry-multiplier=4"})
@WithInfrastructure
class BudgetAlertsIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(BudgetAlertsIT.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String SECRET = "whsec_budget_alerts_it_0123";
    @AutoClose
    static final Receiver receiver = Receiver.start();
    static final Spend spend = new Spend(infra, database);

    @LocalServerPort
    int port;

    @Autowired
    PrometheusMeterRegistry prometheusRegistry;

    @Autowired
    Evaluator evaluator;

    @Test
    void eachThresholdIsSentOnceSignedAndAReplaySendsNothingMoreUntilTheNextPeriod() {
        String admin = api().key("budget-a", "admin");
        String budget = api().create("budgets", admin, """
                {"name": "Support bot", "scope": {"project": ["support-bot"]}, "period": "day", "limitUsd": 10,
                 "channels": [{"url": "%s", "secret": "%s"}, {"url": "%s", "format": "slack"}]}"""
                .formatted(receiver.url("/a/json"), SECRET, receiver.url("/a/slack"))).get("id").stringValue();
        LocalDate day = TODAY.minusDays(20);
        spend.add("budget-a", "before", at(day.minusDays(1), 12), "4"); // the day before: another period (40%)
        spend.add("budget-a", "elsewhere", at(day, 1), "search", "50"); // another project: out of scope
        Map<String, String> events = new java.util.LinkedHashMap<>(Map.of("a1", "2", "a2", "2", "a3", "1.5"));
        events.forEach((id, usd) -> spend.add("budget-a", id, at(day, Integer.parseInt(id.substring(1))), usd));

        assertThat(evaluator.evaluate(at(day, 23)).block()).isEqualTo(1);
        List<Receiver.Received> json = received("/a/json", 1);
        JsonNode first = verified(json.get(0));
        assertThat(first.get("type").stringValue()).isEqualTo("budget.threshold");
        assertThat(first.get("threshold").intValue()).isEqualTo(50);
        assertThat(first.get("tenant").stringValue()).isEqualTo("budget-a");
        assertThat(first.get("budget").get("id").stringValue()).isEqualTo(budget);
        assertThat(first.get("spent").decimalValue()).isEqualByComparingTo("5.5");
        assertThat(first.get("limit").decimalValue()).isEqualByComparingTo("10");
        assertThat(first.get("share").decimalValue()).isEqualByComparingTo("0.55");
        assertThat(first.get("period").get("start").stringValue()).isEqualTo(day + "T00:00:00Z");
        assertThat(first.get("projection").get("endOfPeriod").decimalValue()).isEqualByComparingTo("5.73913"); // 5.5 × 24 / 23
        assertThat(received("/a/slack", 1)).hasSize(1);
        assertThat(JSON.readTree(receiver.received("/a/slack").get(0).body()).get("text").stringValue()).contains("Support bot", "50%");

        events.put("a4", "3");
        spend.add("budget-a", "a4", at(day, 4), "3");
        assertThat(evaluator.evaluate(at(day, 23)).block()).isEqualTo(1);
        assertThat(received("/a/json", 2)).hasSize(2);
        JsonNode second = verified(receiver.received("/a/json").get(1));
        assertThat(second.get("threshold").intValue()).isEqualTo(80);
        assertThat(second.get("spent").decimalValue()).isEqualByComparingTo("8.5");

        // The same events again (a replay), and evaluation again, twice: nothing more.
        events.forEach((id, usd) -> spend.add("budget-a", id, at(day, Integer.parseInt(id.substring(1))), usd));
        assertThat(evaluator.evaluate(at(day, 23)).block()).isZero();
        assertThat(evaluator.evaluate(at(day, 23).plusSeconds(1800)).block()).isZero();
        assertThat(stays("/a/json", 2)).hasSize(2);
        assertThat(stays("/a/slack", 2)).hasSize(2);
        // Each delivery has its own id, the same on the receiver and in the API.
        assertThat(receiver.received("/a/json")).extracting(Receiver.Received::delivery).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("dlv_"));

        JsonNode alerts = api().get("/api/v1/alerts?budget=" + budget, admin).get("items");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("threshold").intValue()).isEqualTo(80);
        assertThat(alerts.get(1).get("threshold").intValue()).isEqualTo(50);
        assertThat(alerts.get(1).get("id").stringValue()).isEqualTo(first.get("id").stringValue());
        assertThat(alerts.get(1).get("delivery").stringValue()).isEqualTo("delivered");
        assertThat(alerts.get(1).get("deliveries")).hasSize(2);
        assertThat(alerts.get(1).get("deliveries").get(0).get("state").stringValue()).isEqualTo("delivered");
        assertThat(alerts.get(1).get("deliveries").get(0).get("lastStatusCode").intValue()).isEqualTo(200);
        assertThat(alerts.get(1).get("deliveries").get(0).get("lastResponse").stringValue()).isEqualTo("ok");
        String jsonChannel = alerts.get(1).get("deliveries").get(0).get("channelId").stringValue();
        assertThat(api().get("/api/v1/alerts?budget=" + budget + "&channel=" + jsonChannel, admin).get("items").get(0).get("deliveries"))
                .hasSize(1);
        assertThat(api().get("/api/v1/alerts?channel=ch_0000000000000000", admin).get("items")).isEmpty();
        assertThat(alerts.get(1).get("alert").get("spent").decimalValue()).isEqualByComparingTo("5.5");

        // The next day is a new period: its thresholds are armed again.
        spend.add("budget-a", "b1", at(day.plusDays(1), 5), "6");
        assertThat(evaluator.evaluate(at(day.plusDays(1), 23)).block()).isEqualTo(1);
        assertThat(received("/a/json", 3)).hasSize(3);
        JsonNode next = verified(receiver.received("/a/json").get(2));
        assertThat(next.get("threshold").intValue()).isEqualTo(50);
        assertThat(next.get("period").get("start").stringValue()).isEqualTo(day.plusDays(1) + "T00:00:00Z");
        assertThat(api().get("/api/v1/alerts?budget=" + budget, admin).get("items")).hasSize(3);
    }

    @Test
    void aListenerThatFailsTwiceGetsTheAlertOnTheThirdTryAndTheLogShowsAllThree() {
        String admin = api().key("budget-b", "admin");
        receiver.failFirst("/b/flaky", 2);
        String budget = api().create("budgets", admin, """
                {"name": "Flaky receiver", "period": "day", "limitTokens": 2000, "thresholds": [50],
                 "channels": [{"url": "%s", "secret": "%s"}]}""".formatted(receiver.url("/b/flaky"), SECRET)).get("id").stringValue();
        LocalDate day = TODAY.minusDays(15);
        spend.add("budget-b", "b1", at(day, 9), "0.01"); // 1500 tokens: 75%

        assertThat(evaluator.evaluate(at(day, 23)).block()).isEqualTo(1);

        List<Receiver.Received> tries = received("/b/flaky", 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/api/v1/alerts?budget=" + budget, admin).get("items").get(0)
                .get("delivery").stringValue().equals("delivered"));
        // Every retry is signed afresh and carries the same delivery id.
        assertThat(tries).extracting(Receiver.Received::delivery).containsOnly(tries.get(0).delivery());
        tries.forEach(BudgetAlertsIT::verified);
        assertThat(tries).extracting(Receiver.Received::body).containsOnly(tries.get(0).body());
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(tries.get(1).at(), tries.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(800));

        String alertId = JSON.readTree(tries.get(0).body()).get("id").stringValue();
        JsonNode alert = api().get("/api/v1/alerts/" + alertId, admin);
        assertThat(alert.get("budgetId").stringValue()).isEqualTo(budget);
        assertThat(alert.get("delivery").stringValue()).isEqualTo("delivered");
        JsonNode delivery = alert.get("deliveries").get(0);
        assertThat(delivery.get("id").stringValue()).isEqualTo(tries.get(0).delivery());
        assertThat(delivery.get("attempts").intValue()).isEqualTo(3);
        assertThat(delivery.get("state").stringValue()).isEqualTo("delivered");
        JsonNode log = alert.get("attempts");
        assertThat(log).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(log.get(i).get("attempt").intValue()).isEqualTo(i + 1);
            assertThat(log.get(i).get("statusCode").intValue()).isEqualTo(i < 2 ? 500 : 200);
            assertThat(log.get(i).get("ok").booleanValue()).isEqualTo(i == 2);
        }
        assertThat(log.get(0).get("error").stringValue()).contains("500");
        assertThat(log.get(2).get("error").isNull()).isTrue();
    }

    @Test
    void twoEvaluatorsRunningAtOnceSendEachAlertOnce() {
        String admin = api().key("budget-c", "admin");
        api().create("budgets", admin, """
                {"name": "Raced", "period": "day", "limitUsd": 10, "channels": [{"url": "%s", "secret": "%s"}]}"""
                .formatted(receiver.url("/c/json"), SECRET));
        try (ConfigurableApplicationContext other = secondInstance()) {
            Evaluator second = other.getBean(Evaluator.class);
            for (int round = 0; round < 5; round++) {
                LocalDate day = TODAY.minusDays(12 - round);
                spend.add("budget-c", "c" + round, at(day, 8), "10.5"); // past 50, 80 and 100 at once
                Instant at = at(day, 23);
                Integer raised = Flux.merge(
                        evaluator.evaluate(at).subscribeOn(Schedulers.parallel()),
                        second.evaluate(at).subscribeOn(Schedulers.parallel()),
                        evaluator.evaluate(at).subscribeOn(Schedulers.parallel()),
                        second.evaluate(at).subscribeOn(Schedulers.parallel()))
                        .reduce(0, Integer::sum)
                        .block();
                assertThat(raised).as("round %d", round).isEqualTo(3);
                List<Receiver.Received> sent = stays("/c/json", 3 * (round + 1));
                assertThat(sent).as("round %d", round).hasSize(3 * (round + 1));
                assertThat(sent.subList(3 * round, sent.size()))
                        .extracting(r -> verified(r).get("threshold").intValue())
                        .containsExactlyInAnyOrder(50, 80, 100);
            }
        }
    }

    @Test
    void theApiManagesBudgetsShowsTheirStatusAndDryRunSendsNothing() {
        String admin = api().key("budget-d", "admin");
        String viewer = api().key("budget-d", "viewer");
        String body = """
                {"name": "Kathmandu team", "period": "day", "tz": "Asia/Kathmandu", "limitUsd": 10,
                 "channels": [{"url": "%s", "secret": "%s"}, {"url": "%s", "format": "slack"}]}"""
                .formatted(receiver.url("/d/json"), SECRET, receiver.url("/d/slack"));
        assertThat(api().send("POST", "/api/v1/budgets", viewer, body).getStatus().value()).isEqualTo(403);
        EntityExchangeResult<String> invalid = api().send("POST", "/api/v1/budgets", admin,
                body.replace("\"limitUsd\": 10", "\"limitUsd\": -1"));
        assertThat(invalid.getStatus().value()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.getResponseBody()).get("parameter").stringValue()).isEqualTo("limitUsd");

        EntityExchangeResult<String> created = api().send("POST", "/api/v1/budgets", admin, body);
        assertThat(created.getStatus().value()).isEqualTo(201);
        assertThat(created.getResponseBody()).doesNotContain(SECRET);
        JsonNode budget = JSON.readTree(created.getResponseBody());
        String id = budget.get("id").stringValue();
        assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/v1/budgets/" + id);
        assertThat(budget.get("thresholds").toString()).isEqualTo("[50,80,100]");
        assertThat(budget.get("channels").get(0).get("hasSecret").booleanValue()).isTrue();
        assertThat(budget.get("channels").get(1).get("hasSecret").booleanValue()).isFalse();
        assertThat(api().get("/api/v1/budgets", viewer).get("items")).hasSize(1);
        assertThat(api().send("GET", "/api/v1/budgets/" + id, api().key("budget-e", "admin"), null).getStatus().value()).isEqualTo(404);
        assertThat(api().send("GET", "/api/v1/budgets?limit=5", viewer, null).getStatus().value()).isEqualTo(400);

        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        spend.add("budget-d", "d1", LocalDate.now(kathmandu).atStartOfDay(kathmandu).toInstant(), "6");
        JsonNode status = api().get("/api/v1/budgets/" + id + "/status", viewer);
        assertThat(status.get("spent").decimalValue()).isEqualByComparingTo("6");
        assertThat(status.get("spentUsd").decimalValue()).isEqualByComparingTo("6");
        assertThat(status.get("spentTokens").longValue()).isEqualTo(1500);
        assertThat(status.get("share").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(status.get("thresholdsCrossed").toString()).isEqualTo("[50]");
        assertThat(status.get("period").get("start").stringValue()).endsWith("T00:00:00+05:45");
        assertThat(status.get("projection").get("method").stringValue()).startsWith("linear");

        assertThat(api().send("POST", "/api/v1/budgets/" + id + "/dry-run", viewer, null).getStatus().value()).isEqualTo(403);
        JsonNode dryRun = api().call("POST", "/api/v1/budgets/" + id + "/dry-run", admin);
        JsonNode wouldSend = dryRun.get("wouldSend").get(0);
        assertThat(wouldSend.get("threshold").intValue()).isEqualTo(50);
        JsonNode jsonRequest = wouldSend.get("requests").get(0);
        String signed = jsonRequest.get("body").stringValue();
        assertThat(jsonRequest.get("headers").get("X-Tokenmeter-Signature").stringValue())
                .isEqualTo(
                        Receiver.signature(SECRET, jsonRequest.get("headers").get("X-Tokenmeter-Timestamp").stringValue() + "." + signed));
        assertThat(JSON.readTree(signed).get("share").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(JSON.readTree(wouldSend.get("requests").get(1).get("body").stringValue()).get("text").stringValue())
                .contains("Kathmandu team");
        assertThat(receiver.received("/d/json")).isEmpty();
        assertThat(api().get("/api/v1/alerts?budget=" + id, admin).get("items")).isEmpty();

        // Replacing keeps a channel's secret when it is sent back by id without one.
        String channel = budget.get("channels").get(0).get("id").stringValue();
        JsonNode replaced = JSON.readTree(api().send("PUT", "/api/v1/budgets/" + id, admin, """
                {"name": "Kathmandu team", "period": "day", "tz": "Asia/Kathmandu", "limitUsd": 100,
                 "channels": [{"id": "%s", "url": "%s"}]}""".formatted(channel, receiver.url("/d/json"))).getResponseBody());
        assertThat(replaced.get("limitUsd").decimalValue()).isEqualByComparingTo("100");
        assertThat(replaced.get("channels")).hasSize(1);
        assertThat(replaced.get("channels").get(0).get("hasSecret").booleanValue()).isTrue();
        JsonNode sample = api().call("POST", "/api/v1/budgets/" + id + "/dry-run", admin).get("sample").get("requests").get(0);
        assertThat(sample.get("headers").get("X-Tokenmeter-Signature").stringValue())
                .isEqualTo(Receiver.signature(SECRET,
                        sample.get("headers").get("X-Tokenmeter-Timestamp").stringValue() + "." + sample.get("body").stringValue()));

        assertThat(evaluator.evaluateNow().block()).isZero();
        assertThat(prometheus()).containsPattern("tokenmeter_budget_utilization\\{[^}]*budget=\"" + id + "\"[^}]*\\} 0\\.06");
        assertThat(api().send("DELETE", "/api/v1/budgets/" + id, viewer, null).getStatus().value()).isEqualTo(403);
        assertThat(api().send("DELETE", "/api/v1/budgets/" + id, admin, null).getStatus().value()).isEqualTo(204);
        assertThat(api().send("GET", "/api/v1/budgets/" + id, admin, null).getStatus().value()).isEqualTo(404);
        assertThat(prometheus()).doesNotContain(id);

        String openApi = client().get().uri("/api/v1/openapi.json").exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(openApi).contains("/api/v1/budgets/{id}/status", "/api/v1/budgets/{id}/dry-run", "/api/v1/alerts/{id}",
                "\"BudgetRequest\"", "limitTokens");
    }

    @Test
    void malformedInputIsA400ProblemNeverA5xx() {
        String admin = api().key("budget-f", "admin");
        for (String body : List.of("", "{", "null", "[]", "42", "{\"name\": \"x\"}",
                "{\"name\": \"x\", \"period\": \"day\", \"limitUsd\": 1e400}",
                "{\"name\": \"x\", \"period\": \"day\", \"limitTokens\": 99999999999999999999999}",
                "{\"name\": \"\\u0000\", \"period\": \"day\", \"limitUsd\": 1}",
                "{\"name\": \"x\", \"period\": \"day\", \"limitUsd\": 1, \"scope\": {\"user\": \"\\u0000\"}}")) {
            for (String method : List.of("POST /api/v1/budgets", "PUT /api/v1/budgets/bud_0000000000000000")) {
                String[] call = method.split(" ");
                EntityExchangeResult<String> answer = api().send(call[0], call[1], admin, body);
                assertThat(answer.getStatus().value()).as(method + " " + body + " answered " + answer.getResponseBody()).isIn(400, 404);
                assertThat(answer.getResponseHeaders().getContentType()).hasToString("application/problem+json");
            }
        }
        for (String uri : List.of("/api/v1/alerts?limit=abc", "/api/v1/alerts?limit=0", "/api/v1/alerts?budget=a&budget=b",
                "/api/v1/alerts?from=2026-01-01", "/api/v1/budgets/x'%20OR%201=1/status", "/api/v1/alerts/%00", "/api/v1/budgets/"
                        + "x".repeat(3000))) {
            EntityExchangeResult<String> answer = api().send("GET", uri, admin, null);
            assertThat(answer.getStatus().value()).as(uri + " answered " + answer.getResponseBody()).isIn(400, 404);
        }
    }

    /** What the path received once it has at least {@code n} requests (deliveries are asynchronous). */
    private static List<Receiver.Received> received(String path, int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received(path).size() >= n);
        return receiver.received(path);
    }

    /** What the path received, after it has held at {@code n} requests for a second: nothing more comes. */
    private static List<Receiver.Received> stays(String path, int n) {
        received(path, n);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.received(path).size() == n);
        return receiver.received(path);
    }

    /** The body, after checking its signature and timestamp. */
    private static JsonNode verified(Receiver.Received request) {
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.signature()).isEqualTo(Receiver.signature(SECRET, request.timestamp() + "." + request.body()));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(request.timestamp()))).isLessThan(300);
        return JSON.readTree(request.body());
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    /** Another query-service instance on the same database, with its own evaluator and no schedule. */
    private static ConfigurableApplicationContext secondInstance() {
        List<String> arguments = new ArrayList<>(infra.springArguments(database));
        arguments.addAll(List.of(
                "--server.port=0",
                "--management.server.port=-1", // no actuator over HTTP: this instance is only an evaluator
                "--tokenmeter.budgets.evaluate=false",
                "--tokenmeter.outbound.allow=127.0.0.1"));
        return new SpringApplicationBuilder(QueryApplication.class).run(arguments.toArray(String[]::new));
    }

    /**
     * What {@code /actuator/prometheus} on the management port answers (ManagementPortIT reads it over
     * HTTP). Read from the registry here: the management server of this context stops answering once
     * {@link #secondInstance()}, another application context in this JVM, has closed.
     */
    private String prometheus() {
        return prometheusRegistry.scrape();
    }

    private Api api() {
        return new Api(port);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }
}
