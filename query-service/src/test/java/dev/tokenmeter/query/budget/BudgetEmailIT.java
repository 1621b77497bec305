package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.Mails;
import dev.tokenmeter.query.Api;
import com.icegreen.greenmail.util.GreenMail;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Email alerts through a real SMTP server (GreenMail on loopback) and {@code GET /budgets/check}, against
 * the real PostgreSQL: a budget at 80% sends one email with a plain-text and an HTML part, the right
 * figures and a dashboard link that opens; the daily policy holds across thresholds; a test send is
 * marked; a hard budget flips {@code allowed} after the evaluation that sees it spent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789",
        "tokenmeter.outbound.allow=127.0.0.1",
        "tokenmeter.budgets.evaluation-interval=1h",
        "tokenmeter.budgets.check-cache-ttl=200ms",
        "tokenmeter.alerts.delivery.poll-interval=50ms",
        "tokenmeter.alerts.email.from=Tokenmeter <alerts@tokenmeter.test>"})
@WithInfrastructure
class BudgetEmailIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(BudgetEmailIT.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int SMTP_PORT = Receiver.freePort();
    static final int PORT = Receiver.freePort();
    static final Api api = new Api(PORT);
    static final GreenMail smtp = Mails.started(SMTP_PORT);
    static final Spend spend = new Spend(infra, database);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("server.port", () -> PORT);
        registry.add("tokenmeter.public-url", () -> "http://127.0.0.1:" + PORT);
    }

    @Autowired
    Evaluator evaluator;

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void aBudgetAt80PercentSendsOneEmailWithBothPartsTheFiguresAndAWorkingLinkAndTheDailyPolicyHoldsAcrossThresholds() throws Exception {
        String admin = api.key("email-a", "admin");
        JsonNode budget = api.create("budgets", admin, """
                {"name": "Support bot", "scope": {"project": ["support-bot"]}, "period": "month", "limitUsd": 10, "forecast": false,
                 "notify": "daily", "channels": [{"type": "email", "recipients": ["finops@example.com", "lead@example.com"]}]}""");
        String id = budget.get("id").stringValue();
        assertThat(budget.get("notify").stringValue()).isEqualTo("daily");
        assertThat(budget.get("channels").get(0).get("recipients").toString()).isEqualTo("[\"finops@example.com\",\"lead@example.com\"]");
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
        spend.add("email-a", "e1", at(month.plusDays(9), 9), "5");
        spend.add("email-a", "e2", at(month.plusDays(9), 10), "3.5");
        spend.add("email-a", "other", at(month.plusDays(9), 10), "search", "40"); // out of scope

        // 85%: the 50% and 80% thresholds at once; the daily policy sends one email, for 80%.
        assertThat(evaluator.evaluate(at(month.plusDays(9), 12)).block()).isEqualTo(1);
        List<MimeMessage> first = mails(2); // one copy per recipient
        MimeMessage mail = first.get(0);
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString)).containsExactlyInAnyOrder("finops@example.com",
                "lead@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Tokenmeter <alerts@tokenmeter.test>");
        assertThat(mail.getSubject()).isEqualTo("Budget \"Support bot\" reached 80% of its limit: $8.50 of $10.00");
        assertThat(mail.getHeader("X-Tokenmeter-Delivery")[0]).startsWith("dlv_");
        Map<String, String> parts = Mails.parts(mail);
        assertThat(parts).containsOnlyKeys("text/plain", "text/html");
        String text = parts.get("text/plain");
        String html = parts.get("text/html");
        assertThat(text).contains("Support bot", "project = support-bot", "$8.50 of $10.00 (85%)", "Projects: support-bot $8.50",
                "Models:   gpt-4o $8.50").doesNotContain("search");
        assertThat(html).contains("<strong>85%</strong>", "support-bot $8.50");
        String link = "http://127.0.0.1:" + PORT + "/?range=custom&from=" + month + "&to=" + month.plusMonths(1).minusDays(1)
                + "&tz=UTC&project=support-bot";
        assertThat(text).contains(link);
        Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(html);
        assertThat(href.find()).isTrue();
        assertThat(href.group(1).replace("&amp;", "&")).isEqualTo(link);
        HttpResponse<String> dashboard = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));

        // 105% two hours later: within 24 h of the last email, nothing is sent.
        spend.add("email-a", "e3", at(month.plusDays(9), 13), "2");
        assertThat(evaluator.evaluate(at(month.plusDays(9), 14)).block()).isZero();
        assertThat(evaluator.evaluate(at(month.plusDays(10), 11)).block()).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> smtp.getReceivedMessages().length == 2);
        // 24 h after the first email: the 100% alert goes out.
        assertThat(evaluator.evaluate(at(month.plusDays(10), 12).plusSeconds(1)).block()).isEqualTo(1);
        assertThat(subjects(mails(4))).containsExactlyInAnyOrder(mail.getSubject(), mail.getSubject(),
                "Budget \"Support bot\" reached 100% of its limit: $10.50 of $10.00",
                "Budget \"Support bot\" reached 100% of its limit: $10.50 of $10.00");

        JsonNode alerts = api.get("/api/v1/alerts?budget=" + id, admin).get("items");
        assertThat(alerts).hasSize(3);
        assertThat(alerts.get(0).get("threshold").intValue()).isEqualTo(100);
        assertThat(alerts.get(1).get("threshold").intValue()).isEqualTo(80);
        assertThat(alerts.get(2).get("threshold").intValue()).isEqualTo(50);
        assertThat(alerts.get(2).get("notified").booleanValue()).isFalse();
        assertThat(alerts.get(2).get("delivery").stringValue()).isEqualTo("none");
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/alerts?budget=" + id, admin).get("items").get(0)
                .get("delivery").stringValue().equals("delivered"));
        JsonNode delivery = api.get("/api/v1/alerts?budget=" + id, admin).get("items").get(1).get("deliveries").get(0);
        assertThat(delivery.get("format").stringValue()).isEqualTo("email");
        assertThat(delivery.get("lastStatusCode").intValue()).isEqualTo(250);
        assertThat(delivery.get("id").stringValue()).isEqualTo(mail.getHeader("X-Tokenmeter-Delivery")[0]);

        // Dry run shows the email without sending; test sends one marked copy to the channel.
        JsonNode sample = api.call("POST", "/api/v1/budgets/" + id + "/dry-run", admin).get("sample").get("requests").get(0);
        assertThat(sample.get("format").stringValue()).isEqualTo("email");
        assertThat(sample.get("email").get("html").stringValue()).contains("<html");
        assertThat(sample.get("to")).hasSize(2);
        String channel = budget.get("channels").get(0).get("id").stringValue();
        JsonNode test = api.call("POST", "/api/v1/budgets/" + id + "/test?channel=" + channel, admin);
        assertThat(test.get("delivered").booleanValue()).isTrue();
        assertThat(test.get("statusCode").intValue()).isEqualTo(250);
        List<MimeMessage> tests = mails(6).stream().filter(m -> subject(m).startsWith("[TEST] ")).toList();
        assertThat(tests).hasSize(2); // one per recipient
        assertThat(subject(tests.get(0))).startsWith("[TEST] Budget \"Support bot\"");
        assertThat(Mails.parts(tests.get(0)).get("text/plain")).startsWith("TEST MESSAGE");
        assertThat(api.send("POST", "/api/v1/budgets/" + id + "/test?channel=ch_0000000000000000", admin, null).getStatus().value())
                .isEqualTo(400);
    }

    @Test
    void budgetsCheckFlipsToNotAllowedWithinOneEvaluationAfterAHardBudgetIsSpent() {
        String admin = api.key("check-a", "admin");
        String ingest = api.key("check-a", "ingest");
        String viewer = api.key("check-a", "viewer");
        String hard = api.create("budgets", admin, """
                {"name": "Gateway cap", "scope": {"project": ["gw"]}, "period": "day", "limitUsd": 5, "hard": true}""")
                .get("id").stringValue();
        api.create("budgets", admin, """
                {"name": "Soft", "scope": {"project": ["gw"]}, "period": "day", "limitUsd": 1}""");
        JsonNode before = api.get("/api/v1/budgets/check?project=gw&model=gpt-4o", ingest);
        assertThat(before.get("allowed").booleanValue()).isTrue();
        assertThat(before.get("matched").intValue()).isEqualTo(1);
        assertThat(before.get("remaining").decimalValue()).isEqualByComparingTo("5");
        assertThat(before.get("budget").get("id").stringValue()).isEqualTo(hard);

        Instant now = Instant.now();
        Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
        spend.add("check-a", "g1", now.minusSeconds(1).isBefore(dayStart) ? dayStart : now.minusSeconds(1), "gw", "6");
        // Not yet evaluated: the state all instances share still says 0 spent.
        assertThat(api.get("/api/v1/budgets/check?project=gw", viewer).get("allowed").booleanValue()).isTrue();
        evaluator.evaluateNow().block();
        await().atMost(Duration.ofSeconds(3))
                .until(() -> !api.get("/api/v1/budgets/check?project=gw", ingest).get("allowed").booleanValue());
        JsonNode after = api.get("/api/v1/budgets/check?project=gw&apiKey=key_1", ingest);
        assertThat(after.get("remaining").decimalValue()).isEqualByComparingTo("0");
        assertThat(after.get("unit").stringValue()).isEqualTo("usd");
        assertThat(after.get("budget").get("spent").decimalValue()).isEqualByComparingTo("6");
        assertThat(Instant.parse(after.get("resetsAt").stringValue())).isEqualTo(dayStart.plus(Duration.ofDays(1)));

        JsonNode elsewhere = api.get("/api/v1/budgets/check?project=search", ingest);
        assertThat(elsewhere.get("allowed").booleanValue()).isTrue();
        assertThat(elsewhere.get("matched").intValue()).isZero();
        assertThat(api.send("GET", "/api/v1/budgets", ingest, null).getStatus().value()).isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/budgets/check?project=gw&project=x", ingest, null).getStatus().value()).isEqualTo(400);
        assertThat(api.send("GET", "/api/v1/budgets/check?colour=red", ingest, null).getStatus().value()).isEqualTo(400);
        assertThat(api.send("GET", "/api/v1/openapi.json", viewer, null).getResponseBody())
                .contains("/api/v1/budgets/check", "/api/v1/budgets/{id}/evaluate", "/api/v1/budgets/{id}/test");
    }

    private static List<String> subjects(List<MimeMessage> mails) {
        return mails.stream().map(BudgetEmailIT::subject).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MimeMessage> mails(int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length >= n);
        return List.of(smtp.getReceivedMessages());
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

}
