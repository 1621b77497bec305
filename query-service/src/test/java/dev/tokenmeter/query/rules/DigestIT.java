package dev.tokenmeter.query.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.Mails;
import dev.tokenmeter.query.Api;
import com.icegreen.greenmail.util.GreenMail;
import dev.tokenmeter.query.rules.Usage.Call;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import dev.tokenmeter.query.QueryApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * A weekly digest at Monday 09:00 Europe/Berlin, sent by the rule schedule (running every 200 ms on the
 * test's clock) through the outbox to a real SMTP server (GreenMail) and a Slack-style webhook: nothing
 * before the send time, then exactly one of each with the week's figures in Berlin's days, however
 * often the rule is evaluated meanwhile: by the schedule, and by concurrent evaluate calls to this
 * instance and to a second one on the same database (whose outbox worker delivers too).
 */
@SpringBootTest(classes = {QueryApplication.class,
        TestClock.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "tokenmeter.query.operator-key=" + Api.OPERATOR,
                "tokenmeter.outbound.allow=127.0.0.1",
                "tokenmeter.budgets.evaluation-interval=1h",
                "tokenmeter.rules.evaluation-interval=200ms",
                "tokenmeter.alerts.delivery.poll-interval=50ms",
                "tokenmeter.alerts.email.from=Tokenmeter <alerts@tokenmeter.test>",
                "tokenmeter.public-url=https://tokenmeter.example.com",
                "management.server.port=-1"})
@WithInfrastructure
class DigestIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(DigestIT.class);
    static final Usage usage = new Usage(infra, database);
    static final Hooks hooks = new Hooks();
    static final SettableClock clock = TestClock.CLOCK;
    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = Mails.started(SMTP_PORT);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stop() {
        hooks.close();
        smtp.stop();
    }

    @Test
    void aWeeklyDigestAtMonday9InBerlinArrivesOnceWithTheWeeksFigures() throws Exception {
        clock.set(Instant.parse("2026-12-07T07:00:00Z")); // Monday 08:00 in Berlin
        Api api = new Api(port);
        String admin = api.key("digest-a", "admin");
        usage.add("digest-a", List.of(
                // the week before (Berlin days 2026-11-23 .. 11-29): $9, 3 requests
                Call.ok(Instant.parse("2026-11-24T10:00:00Z"), "alpha", "5"),
                Call.ok(Instant.parse("2026-11-25T10:00:00Z"), "beta", "3"),
                Call.ok(Instant.parse("2026-11-29T22:30:00Z"), "alpha", "1"), // Sunday 23:30 in Berlin
                // the week (Berlin days 2026-11-30 .. 12-06): $12.50, 5 requests, 1 error
                Call.ok(Instant.parse("2026-11-29T23:30:00Z"), "alpha", "2"), // Monday 00:30 in Berlin
                Call.ok(Instant.parse("2026-12-01T10:00:00Z"), "alpha", "6"),
                Call.ok(Instant.parse("2026-12-02T10:00:00Z"), "gamma", "4"),
                Call.error(Instant.parse("2026-12-03T10:00:00Z"), "alpha"),
                Call.ok(Instant.parse("2026-12-06T22:30:00Z"), "beta", "0.5"), // Sunday 23:30 in Berlin
                Call.ok(Instant.parse("2026-12-06T23:30:00Z"), "alpha", "100"))); // Monday 00:30: the next week
        String budget = api.create("budgets", admin, """
                {"name": "Team cap", "period": "month", "limitUsd": 10}""").get("id").stringValue();
        JsonNode digest = api.create("digests", admin, """
                {"name": "Weekly spend", "cadence": "weekly", "day": "monday", "at": "09:00", "tz": "Europe/Berlin", "topMovers": 3,
                 "channels": [{"type": "email", "recipients": ["finops@example.com"]}, {"url": "%s", "format": "slack"}]}"""
                .formatted(hooks.url("/slack")));
        String id = digest.get("id").stringValue();
        assertThat(digest.get("at").stringValue()).isEqualTo("09:00");

        // 08:59 in Berlin: not yet (and the Monday before was before the digest existed).
        clock.set(Instant.parse("2026-12-07T07:59:00Z"));
        api.call("POST", "/api/v1/budgets/" + budget + "/evaluate", admin);
        assertThat(api.call("POST", "/api/v1/digests/" + id + "/evaluate", admin).get("status").get("due").booleanValue()).isFalse();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> smtp.getReceivedMessages().length == 0);

        try (ConfigurableApplicationContext second = secondInstance()) {
            Api other = new Api(Integer.parseInt(second.getEnvironment().getProperty("local.server.port", "0")));
            clock.set(Instant.parse("2026-12-07T08:00:30Z"));
            List<Integer> raised = Flux.range(0, 6)
                    .parallel().runOn(Schedulers.boundedElastic())
                    .map(i -> (i % 2 == 0 ? api : other).call("POST", "/api/v1/digests/" + id + "/evaluate", admin).get("raised")
                            .intValue())
                    .sequential().collectList().block();
            assertThat(java.util.Objects.requireNonNull(raised).stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length >= 1 && hooks.at("/slack").size() >= 1);
            clock.set(Instant.parse("2026-12-07T09:30:00Z"));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> smtp.getReceivedMessages().length == 1 && hooks.at("/slack").size() == 1);
        }

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Weekly digest \"Weekly spend\": $12.50 spent (+39% vs the previous week)");
        assertThat(mail.getHeader("X-Tokenmeter-Delivery")[0]).startsWith("dlv_");
        Map<String, String> parts = Mails.parts(mail);
        assertThat(parts).containsOnlyKeys("text/plain", "text/html");
        assertThat(parts.get("text/plain")).contains(
                "from 2026-11-30T00:00:00+01:00 to 2026-12-07T00:00:00+01:00 (Europe/Berlin)",
                "Spend:    $12.50 (previous $9.00)",
                "Requests: 5 (previous 3)",
                "Errors:   1 = 20% (previous 0 = 0%)",
                "project gamma: $4.00 (+$4.00)", "project beta: $0.50 (-$2.50)", "project alpha: $8.00 (+$2.00)",
                "model gpt-4o: $12.50 (+$3.50)",
                "Team cap: 1105% of its limit",
                "https://tokenmeter.example.com/?range=custom&from=2026-11-30&to=2026-12-06&tz=Europe%2FBerlin");
        assertThat(parts.get("text/html")).contains("<h2>Weekly digest &quot;Weekly spend&quot;",
                "href=\"https://tokenmeter.example.com/?range=custom&amp;from=2026-11-30");
        JsonNode slack = Api.JSON.readTree(hooks.at("/slack").get(0).body());
        assertThat(slack.get("text").stringValue()).startsWith("*Weekly digest \"Weekly spend\": $12.50 spent").contains("Requests: 5");

        JsonNode notices = api.call("GET", "/api/v1/digests/" + id + "/notices", admin).get("items");
        assertThat(notices).hasSize(1);
        JsonNode body = notices.get(0).get("notice");
        assertThat(body.get("type").stringValue()).isEqualTo("digest");
        assertThat(body.get("current").get("costUsd").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(body.get("current").get("requests").longValue()).isEqualTo(5);
        assertThat(body.get("current").get("errors").longValue()).isEqualTo(1);
        assertThat(body.get("previous").get("costUsd").decimalValue()).isEqualByComparingTo("9");
        assertThat(body.get("movers")).extracting(m -> m.get("key").stringValue()).containsExactly("gamma", "beta", "alpha", "gpt-4o");
        assertThat(body.get("budgetsAtRisk").get(0).get("name").stringValue()).isEqualTo("Team cap");
        assertThat(notices.get(0).get("deliveries")).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("state").stringValue()).isEqualTo("delivered"));
    }

    /**
     * Another query instance on the same database and clock, with its own schedule and outbox worker, set up as
     * the test's own context (either may render and send the digest).
     */
    private static ConfigurableApplicationContext secondInstance() {
        java.util.List<String> args = new java.util.ArrayList<>(infra.springArguments(database));
        args.addAll(List.of(
                "--server.port=0",
                "--management.server.port=-1", // two instances run in this JVM
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP_PORT,
                "--tokenmeter.query.operator-key=" + Api.OPERATOR,
                "--tokenmeter.outbound.allow=127.0.0.1",
                "--tokenmeter.budgets.evaluation-interval=1h",
                "--tokenmeter.rules.evaluation-interval=200ms",
                "--tokenmeter.alerts.delivery.poll-interval=50ms",
                // whichever instance renders the digest writes the same sender and link
                "--tokenmeter.alerts.email.from=Tokenmeter <alerts@tokenmeter.test>",
                "--tokenmeter.public-url=https://tokenmeter.example.com"));
        return new SpringApplicationBuilder(QueryApplication.class, TestClock.class).run(args.toArray(String[]::new));
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
