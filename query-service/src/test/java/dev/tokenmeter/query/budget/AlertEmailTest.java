package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEmailTest {

    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private static Budget budget(ZoneId zone, PeriodUnit period, Map<String, List<String>> scope) {
        return new Budget("bud_0000000000000001", "acme", "Support <bot>", scope, period, zone, Limit.usd(new BigDecimal("10")),
                List.of(50, 80, 100), true, false, NotifyPolicy.DAILY, List.of(), Instant.EPOCH, Instant.EPOCH);
    }

    private static Map<String, BigDecimal> top(String... pairs) {
        Map<String, BigDecimal> top = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            top.put(pairs[i], new BigDecimal(pairs[i + 1]));
        }
        return top;
    }

    @Test
    void theEmailSaysBudgetScopeSpendLimitShareProjectionAndWhatDroveIt() {
        Budget budget = budget(ZoneId.of("UTC"), PeriodUnit.DAY, Map.of("project", List.of("support-bot")));
        Evaluation e = Evaluation.of(budget, budget.periodAt(NOON), NOON, new BigDecimal("8.5"), 1234, 3);
        AlertBody body = AlertBody.of("alr_0000000000000001", e, AlertKey.threshold(80), NOON, false);
        AlertEmail.Drivers drivers = new AlertEmail.Drivers(top("support-bot", "8.5"), top("gpt-4o", "6", "gpt-4o-mini", "2.5"),
                top("(none)", "8.5"));

        AlertEmail email = AlertEmail.of(body, budget, e.period(), drivers, "https://tokenmeter.example.com", false);

        assertThat(email.subject()).isEqualTo("Budget \"Support <bot>\" reached 80% of its limit: $8.50 of $10.00");
        assertThat(email.text()).contains("Support <bot>", "project = support-bot", "$8.50 of $10.00 (85%)", "$17.00",
                "Projects: support-bot $8.50", "Models:   gpt-4o $6.00, gpt-4o-mini $2.50",
                "https://tokenmeter.example.com/?range=custom&from=2026-11-23&to=2026-11-23&tz=UTC&project=support-bot")
                .doesNotContain("TEST", "{{");
        assertThat(email.html()).contains("Support &lt;bot&gt;", "<strong>85%</strong>",
                "href=\"https://tokenmeter.example.com/?range=custom&amp;from=2026-11-23&amp;to=2026-11-23&amp;tz=UTC&amp;project=support-bot\"")
                .doesNotContain("Support <bot>", "{{");
    }

    @Test
    void aMonthlyLinkSpansTheLocalMonthAndATestIsMarked() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Budget budget = budget(berlin, PeriodUnit.MONTH, Map.of("tag.env", List.of("prod stage")));
        BudgetPeriod period = budget.periodAt(NOON);
        assertThat(AlertEmail.link("http://localhost:8080/", budget, period))
                .isEqualTo("http://localhost:8080/?range=custom&from=2026-11-01&to=2026-11-30&tz=Europe%2FBerlin&tag.env=prod%20stage");

        Evaluation e = Evaluation.of(budget, period, NOON, new BigDecimal("1"), 1, 1);
        AlertEmail test = AlertEmail.of(AlertBody.of("alr_0000000000000002", e, AlertKey.threshold(50), NOON, true), budget, period,
                AlertEmail.Drivers.NONE, "http://localhost:8080", true);
        assertThat(test.subject()).startsWith("[TEST] ");
        assertThat(test.text()).startsWith("TEST MESSAGE").contains("Projects: none");
        assertThat(test.html()).contains("TEST MESSAGE");
    }

    @Test
    void retriesWaitExponentiallyLongerUpToTheCap() {
        DeliverySettings settings = new DeliverySettings(true, java.time.Duration.ofSeconds(1), 20, java.time.Duration.ofSeconds(10), 2,
                java.time.Duration.ofHours(1), java.time.Duration.ofHours(24), java.time.Duration.ofSeconds(10),
                java.time.Duration.ofMinutes(2));
        assertThat(settings.retryDelay(1)).hasSeconds(10);
        assertThat(settings.retryDelay(2)).hasSeconds(20);
        assertThat(settings.retryDelay(5)).hasSeconds(160);
        assertThat(settings.retryDelay(20)).hasHours(1);
    }
}
