package dev.tokenmeter.query.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.query.QueryApplication;
import dev.tokenmeter.query.rules.Usage.Call;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Usage rules and spend anomalies against the real PostgreSQL, delivered through the outbox to a real
 * HTTP receiver, with the application's clock set by the test: an error-rate rule fires once when the
 * rate crosses and sends "resolved" once when it falls back past the clear threshold; an injected spend
 * spike fires the anomaly alert with its expected band, a steady tenant with 4 weeks of history none.
 */
@SpringBootTest(classes = {QueryApplication.class,
        TestClock.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "tokenmeter.query.operator-key=" + Api.OPERATOR,
                "tokenmeter.outbound.allow=127.0.0.1",
                "tokenmeter.budgets.evaluation-interval=1h",
                "tokenmeter.rules.evaluate=false",
                "tokenmeter.alerts.delivery.poll-interval=50ms",
                "management.server.port=-1"})
@WithInfrastructure
class RuleAlertsIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(RuleAlertsIT.class);
    static final Usage usage = new Usage(infra, database);
    static final Hooks hooks = new Hooks();
    static final SettableClock clock = TestClock.CLOCK;
    static final String SECRET = "\"secret\": \"0123456789abcdef0123\"";

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        hooks.close();
    }

    @Test
    void anErrorRateRuleFiresOnceWhenTheRateCrossesAndSendsResolvedOnceWhenItFallsBack() {
        Api api = new Api(port);
        String admin = api.key("rules-a", "admin");
        JsonNode rule = api.create("rules", admin, """
                {"name": "Bot errors", "scope": {"project": ["bot"]}, "window": "15m", "measure": "errorRate",
                 "threshold": 0.1, "clearThreshold": 0.05,
                 "channels": [{"url": "%s", %s}]}""".formatted(hooks.url("/errors"), SECRET));
        String id = rule.get("id").stringValue();
        assertThat(rule.get("kind").stringValue()).isEqualTo("usage");
        assertThat(rule.get("window").stringValue()).isEqualTo("15m");
        Instant t = Instant.parse("2026-12-03T10:00:00Z");
        usage.add("rules-a", Usage.every(t.minusSeconds(600), Duration.ofSeconds(30), 20, at -> Call.ok(at, "bot", "0.01")));
        usage.add("rules-a", List.of(Call.error(t.plusSeconds(60), "bot"), Call.error(t.plusSeconds(120), "bot"),
                Call.error(t.plusSeconds(180), "bot"), Call.error(t.plusSeconds(240), "bot"), Call.error(t.plusSeconds(270), "bot"),
                Call.error(t.plusSeconds(100), "search"), Call.error(t.plusSeconds(110), "search"))); // out of scope

        assertThat(evaluate(api, admin, id, t).get("raised").intValue()).isZero(); // 0 of 20
        JsonNode fired = evaluate(api, admin, id, t.plusSeconds(300)); // 5 of 25 = 0.2
        assertThat(fired.get("raised").intValue()).isEqualTo(1);
        assertThat(fired.get("status").get("value").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(evaluate(api, admin, id, t.plusSeconds(360)).get("raised").intValue()).isZero(); // still above: no repeat
        usage.add("rules-a", Usage.every(t.plusSeconds(360), Duration.ofSeconds(15), 40, at -> Call.ok(at, "bot", "0.01")));
        assertThat(evaluate(api, admin, id, t.plusSeconds(960)).get("raised").intValue()).isZero(); // 5 of 45 = 0.111
        JsonNode between = evaluate(api, admin, id, t.plusSeconds(1020)); // 4 of 44 = 0.091
        assertThat(between.get("raised").intValue()).isZero();
        assertThat(between.get("status").get("firing").booleanValue()).isTrue();
        JsonNode resolved = evaluate(api, admin, id, t.plusSeconds(1170)); // 1 of 41 = 0.024
        assertThat(resolved.get("raised").intValue()).isEqualTo(1);
        assertThat(resolved.get("status").get("transition").stringValue()).isEqualTo("resolve");
        assertThat(evaluate(api, admin, id, t.plusSeconds(1200)).get("raised").intValue()).isZero();

        await().atMost(Duration.ofSeconds(15)).until(() -> hooks.at("/errors").size() >= 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> hooks.at("/errors").size() == 2);
        List<Hooks.Hook> got = hooks.at("/errors");
        JsonNode first = Api.JSON.readTree(got.get(0).body());
        JsonNode second = Api.JSON.readTree(got.get(1).body());
        assertThat(first.get("type").stringValue()).isEqualTo("rule.fired");
        assertThat(first.get("value").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(first.get("threshold").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(first.get("rule").get("id").stringValue()).isEqualTo(id);
        assertThat(first.get("windowFrom").stringValue()).isEqualTo("2026-12-03T09:50:00Z");
        assertThat(second.get("type").stringValue()).isEqualTo("rule.resolved");
        assertThat(second.get("incident").intValue()).isEqualTo(first.get("incident").intValue());
        assertThat(second.get("value").doubleValue()).isCloseTo(1.0 / 41, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(got.get(0).delivery()).startsWith("dlv_").isNotEqualTo(got.get(1).delivery());
        assertThat(got.get(0).signature()).startsWith("sha256=");

        JsonNode notices = api.call("GET", "/api/v1/rules/" + id + "/notices", admin).get("items");
        assertThat(notices).hasSize(2);
        assertThat(api.call("GET", "/api/v1/notices", api.key("rules-a", "viewer")).get("items")).extracting(n -> n.get("id").stringValue())
                .containsExactly(notices.get(0).get("id").stringValue(), notices.get(1).get("id").stringValue());
        assertThat(notices.get(0).get("type").stringValue()).isEqualTo("rule.resolved");
        await().atMost(Duration.ofSeconds(5)).until(() -> api.call("GET", "/api/v1/rules/" + id + "/notices", admin).get("items")
                .get(1).get("deliveries").get(0).get("state").stringValue().equals("delivered"));
        assertThat(api.call("GET", "/api/v1/rules/" + id + "/notices", admin).get("items").get(1).get("deliveries").get(0)
                .get("deliveryId").stringValue()).isEqualTo(got.get(0).delivery());
    }

    @Test
    void anInjectedSpendSpikeFiresTheAnomalyAlertWithItsBandAndASteadyTenantWithFourWeeksOfHistoryFiresNone() {
        Api api = new Api(port);
        LocalDate today = LocalDate.parse("2026-12-05");
        Instant now = today.atTime(15, 0).toInstant(ZoneOffset.UTC);
        for (String tenant : List.of("steady-a", "spiky-a")) {
            // 28 days of history: about $10 a day by 15:00 (weekly pattern 9/10/11/10), then the evening
            List<Call> history = new ArrayList<>();
            for (int day = 1; day <= 28; day++) {
                LocalDate date = today.minusDays(day);
                String usd = List.of("0.9", "1.0", "1.1", "1.0").get((day / 7) % 4);
                history.addAll(Usage.every(date.atTime(8, 0).toInstant(ZoneOffset.UTC), Duration.ofMinutes(30), 10,
                        at -> Call.ok(at, "bot", usd)));
                history.add(Call.ok(date.atTime(20, 0).toInstant(ZoneOffset.UTC), "bot", "50"));
            }
            usage.add(tenant, history);
        }
        usage.add("steady-a", Usage.every(today.atTime(8, 0).toInstant(ZoneOffset.UTC), Duration.ofMinutes(30), 10,
                at -> Call.ok(at, "bot", "1.05")));
        usage.add("spiky-a", Usage.every(today.atTime(8, 0).toInstant(ZoneOffset.UTC), Duration.ofMinutes(30), 10,
                at -> Call.ok(at, "bot", "1.0")));
        usage.add("spiky-a", List.of(Call.ok(today.atTime(14, 0).toInstant(ZoneOffset.UTC), "bot", "40"))); // the spike

        String steadyAdmin = api.key("steady-a", "admin");
        String spikyAdmin = api.key("spiky-a", "admin");
        String body = """
                {"name": "Spend spikes", "granularity": "day", "tz": "UTC", "k": 3, "minSpendUsd": 5,
                 "channels": [{"url": "%s", %s}]}""";
        String steady = api.create("anomalies", steadyAdmin, body.formatted(hooks.url("/steady"), SECRET)).get("id").stringValue();
        String spiky = api.create("anomalies", spikyAdmin, body.formatted(hooks.url("/spiky"), SECRET)).get("id").stringValue();
        clock.set(now);

        JsonNode quiet = api.call("POST", "/api/v1/anomalies/" + steady + "/evaluate", steadyAdmin);
        assertThat(quiet.get("raised").intValue()).isZero();
        assertThat(quiet.get("status").get("spentUsd").decimalValue()).isEqualByComparingTo("10.5");
        assertThat(quiet.get("status").get("anomalous").booleanValue()).isFalse();
        JsonNode fired = api.call("POST", "/api/v1/anomalies/" + spiky + "/evaluate", spikyAdmin);
        assertThat(fired.get("raised").intValue()).isEqualTo(1);
        // Once per day: evaluating again later the same day sends nothing more.
        clock.set(now.plusSeconds(3600));
        assertThat(api.call("POST", "/api/v1/anomalies/" + spiky + "/evaluate", spikyAdmin).get("raised").intValue()).isZero();
        assertThat(api.call("POST", "/api/v1/anomalies/" + steady + "/evaluate", steadyAdmin).get("raised").intValue()).isZero();

        await().atMost(Duration.ofSeconds(15)).until(() -> hooks.at("/spiky").size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> hooks.at("/spiky").size() == 1);
        assertThat(hooks.at("/steady")).isEmpty();
        JsonNode alert = Api.JSON.readTree(hooks.at("/spiky").get(0).body());
        assertThat(alert.get("type").stringValue()).isEqualTo("anomaly.spend");
        assertThat(alert.get("spentUsd").decimalValue()).isEqualByComparingTo("50");
        // The same weekday up to 15:00, 1 to 4 weeks before; the $50 evenings are after 15:00 and do not count.
        assertThat(alert.get("baselineUsd")).extracting(JsonNode::decimalValue).map(java.math.BigDecimal::stripTrailingZeros)
                .map(java.math.BigDecimal::toPlainString).containsExactly("10", "11", "10", "9");
        assertThat(alert.get("expected").get("mean").decimalValue()).isEqualByComparingTo("10");
        assertThat(alert.get("expected").get("high").decimalValue()).isEqualByComparingTo("13");
        assertThat(alert.get("expected").get("low").decimalValue()).isEqualByComparingTo("7");
        assertThat(alert.get("periodStart").stringValue()).isEqualTo("2026-12-05T00:00:00Z");
    }

    @Test
    void rulesAreManagedByAdminsReadByViewersCheckedFieldByFieldAndOfferDryRunAndTestSend() {
        Api api = new Api(port);
        String admin = api.key("crud-a", "admin");
        String viewer = api.key("crud-a", "viewer");
        String stranger = api.key("crud-b", "admin");
        JsonNode rule = api.create("rules", admin, """
                {"name": "Slow", "window": "1h", "measure": "p95LatencyMs", "threshold": 2000, "clearAfter": 2,
                 "channels": [{"url": "%s", %s}]}""".formatted(hooks.url("/crud"), SECRET));
        String id = rule.get("id").stringValue();
        String channel = rule.get("channels").get(0).get("id").stringValue();
        assertThat(rule.get("clearThreshold").decimalValue()).isEqualByComparingTo("2000");
        assertThat(rule.get("channels").get(0).get("hasSecret").booleanValue()).isTrue();
        assertThat(rule.get("channels").get(0).has("secret")).isFalse();

        assertThat(api.call("GET", "/api/v1/rules", viewer).get("items")).hasSize(1);
        assertThat(api.call("GET", "/api/v1/rules/" + id, viewer).get("channels").get(0).get("url").stringValue())
                .doesNotContain("/crud");
        assertThat(api.call("GET", "/api/v1/anomalies", viewer).get("items")).isEmpty();
        assertThat(api.send("GET", "/api/v1/anomalies/" + id, admin, null).getStatus().value()).isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/rules/" + id, stranger, null).getStatus().value()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/rules", viewer, "{}").getStatus().value()).isEqualTo(403);
        var bad = api.send("POST", "/api/v1/rules", admin,
                "{\"name\": \"x\", \"window\": \"1m\", \"measure\": \"requests\", \"threshold\": 1}");
        assertThat(bad.getStatus().value()).isEqualTo(400);
        assertThat(bad.getResponseBody()).contains("window");
        var loopback = api.send("POST", "/api/v1/digests", admin, "{\"name\": \"x\", \"channels\": [{\"url\": \"http://10.1.2.3/h\", "
                + SECRET + "}]}");
        assertThat(loopback.getStatus().value()).isEqualTo(400);
        assertThat(loopback.getResponseBody()).contains("channels[0].url");

        // PUT keeps the channel's secret when it is sent back with its id and no secret.
        JsonNode replaced = Api.JSON.readTree(api.send("PUT", "/api/v1/rules/" + id, admin, """
                {"name": "Slower", "window": "30m", "measure": "p95LatencyMs", "threshold": 3000,
                 "channels": [{"id": "%s", "url": "%s"}]}""".formatted(channel, hooks.url("/crud"))).getResponseBody());
        assertThat(replaced.get("name").stringValue()).isEqualTo("Slower");
        assertThat(replaced.get("channels").get(0).get("id").stringValue()).isEqualTo(channel);
        assertThat(replaced.get("channels").get(0).get("hasSecret").booleanValue()).isTrue();

        clock.set(Instant.parse("2026-12-04T12:00:00Z"));
        usage.add("crud-a", List.of(new Call(Instant.parse("2026-12-04T11:50:00Z"), "bot", "gpt-4o", "success", 4500, "0.01")));
        JsonNode dryRun = api.call("POST", "/api/v1/rules/" + id + "/dry-run", admin);
        assertThat(dryRun.get("status").get("transition").stringValue()).isEqualTo("fire");
        JsonNode preview = dryRun.get("wouldSend").get("deliveries").get(0);
        assertThat(preview.get("headers").get("X-Tokenmeter-Signature").stringValue()).startsWith("sha256=");
        assertThat(Api.JSON.readTree(preview.get("body").stringValue()).get("type").stringValue()).isEqualTo("rule.fired");
        assertThat(api.call("GET", "/api/v1/rules/" + id + "/notices", admin).get("items")).isEmpty(); // nothing recorded

        JsonNode test = api.call("POST", "/api/v1/rules/" + id + "/test?channel=" + channel, admin);
        assertThat(test.get("delivered").booleanValue()).isTrue();
        assertThat(test.get("statusCode").intValue()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> hooks.at("/crud").size() == 1);
        JsonNode sent = Api.JSON.readTree(hooks.at("/crud").get(0).body());
        assertThat(sent.get("test").booleanValue()).isTrue();
        assertThat(hooks.at("/crud").get(0).delivery()).isEqualTo(test.get("deliveryId").stringValue());
        assertThat(api.send("POST", "/api/v1/rules/" + id + "/test?channel=ch_0000000000000000", admin, null).getStatus().value())
                .isEqualTo(400);

        assertThat(api.send("GET", "/api/v1/openapi.json", viewer, null).getResponseBody())
                .contains("/api/v1/rules/{id}/dry-run", "/api/v1/anomalies/{id}/evaluate", "/api/v1/digests/{id}/test",
                        "/api/v1/rules/{id}/notices", "UsageRuleRequest", "AnomalyWatchRequest", "DigestRequest");
        assertThat(api.send("DELETE", "/api/v1/rules/" + id, viewer, null).getStatus().value()).isEqualTo(403);
        assertThat(api.send("DELETE", "/api/v1/rules/" + id, admin, null).getStatus().value()).isEqualTo(204);
        assertThat(api.send("GET", "/api/v1/rules/" + id, admin, null).getStatus().value()).isEqualTo(404);
    }

    @Test
    void aRuleWhoseSettingsChangedAfterItFiredFiresAfreshWithTheNextIncidentNumber() {
        Api api = new Api(port);
        String admin = api.key("rules-c", "admin");
        String body = """
                {"name": "Edited errors", "window": "15m", "measure": "errorRate", "threshold": %s,
                 "channels": [{"url": "%s", %s}]}""";
        JsonNode rule = api.create("rules", admin, body.formatted("0.4", hooks.url("/edited"), SECRET));
        String id = rule.get("id").stringValue();
        Instant t = Instant.parse("2026-12-04T10:00:00Z");
        usage.add("rules-c", Usage.every(t.minusSeconds(600), Duration.ofSeconds(60), 4, at -> Call.ok(at, "bot", "0.01")));
        usage.add("rules-c", Usage.every(t.minusSeconds(300), Duration.ofSeconds(60), 4, at -> Call.error(at, "bot")));
        assertThat(evaluate(api, admin, id, t).get("raised").intValue()).isEqualTo(1); // 4 of 8 = 0.5 > 0.4

        // The threshold changes (as the Rules page's form sends it): the hysteresis starts afresh, the incident count goes on.
        String channel = rule.get("channels").get(0).get("id").stringValue();
        String edited = body.formatted("0.3", hooks.url("/edited"), SECRET).replace("{\"url\"", "{\"id\": \"" + channel + "\", \"url\"");
        assertThat(api.send("PUT", "/api/v1/rules/" + id, admin, edited).getStatus().value()).isEqualTo(200);
        JsonNode again = evaluate(api, admin, id, t.plusSeconds(60));
        assertThat(again.get("raised").intValue()).as("a fire after the change is a new incident, not the old one again").isEqualTo(1);

        JsonNode notices = api.call("GET", "/api/v1/rules/" + id + "/notices", admin).get("items");
        assertThat(notices).extracting(n -> n.get("occurrence").stringValue()).containsExactly("fire:2", "fire:1");
        assertThat(notices.get(0).get("notice").get("threshold").decimalValue()).isEqualByComparingTo("0.3");
    }

    private static JsonNode evaluate(Api api, String key, String id, Instant at) {
        clock.set(at);
        return api.call("POST", "/api/v1/rules/" + id + "/evaluate", key);
    }
}
