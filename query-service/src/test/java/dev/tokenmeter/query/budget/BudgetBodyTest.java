package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.web.RequestBodies;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A budget's body as the service reads and checks it: the defaults it takes, and the field each mistake names. */
class BudgetBodyTest {

    @RestController
    static class Budgets {

        final AtomicReference<BudgetBody.@Nullable Spec> last = new AtomicReference<>();

        @PostMapping("/budgets")
        void create(@RequestBody @Valid BudgetBody body) {
            last.set(body.toSpec());
        }
    }

    final Budgets budgets = new Budgets();
    final WebTestClient client = RequestBodies.client(budgets);

    @Test
    void aMinimalBudgetTakesTheDefaults() {
        BudgetBody.Spec spec = read("{\"name\": \" Whole tenant \", \"period\": \"month\", \"limitUsd\": 100}");
        assertThat(spec.name()).isEqualTo("Whole tenant");
        assertThat(spec.scope()).isEmpty();
        assertThat(spec.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(spec.limit()).isEqualTo(Limit.usd(new BigDecimal("100")));
        assertThat(spec.thresholds()).containsExactly(50, 80, 100);
        assertThat(spec.forecast()).isTrue();
        assertThat(spec.hard()).isFalse();
        assertThat(spec.notifyPolicy()).isEqualTo(NotifyPolicy.PER_THRESHOLD);
        assertThat(spec.channels()).isEmpty();
    }

    @Test
    void aFullBudgetIsReadExactly() {
        BudgetBody.Spec spec = read("""
                {"name": "Support bot on GPT-4o", "scope": {"project": "support-bot", "model": ["gpt-4o", "gpt-4o-mini", "gpt-4o"],
                 "tag.env": ["prod"]}, "period": "week", "tz": "Asia/Kathmandu", "limitUsd": 0.123456789012,
                 "thresholds": [100, 25, 90], "forecast": false, "hard": true, "notify": "daily",
                 "channels": [{"url": "https://hooks.example.com/a", "secret": "0123456789abcdef"},
                              {"type": "webhook", "url": "https://hooks.slack.com/services/T/B/X", "format": "slack"},
                              {"type": "email", "recipients": ["finops@example.com", "a@example.org"]}]}""");
        assertThat(spec.scope()).isEqualTo(Map.of("project", List.of("support-bot"), "model", List.of("gpt-4o", "gpt-4o-mini"),
                "tag.env", List.of("prod")));
        assertThat(spec.period()).isEqualTo(PeriodUnit.WEEK);
        assertThat(spec.zone()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThat(spec.limit().amount()).isEqualByComparingTo("0.123456789012");
        assertThat(spec.thresholds()).containsExactly(25, 90, 100);
        assertThat(spec.forecast()).isFalse();
        assertThat(spec.hard()).isTrue();
        assertThat(spec.notifyPolicy()).isEqualTo(NotifyPolicy.DAILY);
        assertThat(spec.channels()).extracting(ChannelBody.ChannelSpec::format).containsExactly(Channel.Format.JSON,
                Channel.Format.SLACK, Channel.Format.EMAIL);
        assertThat(spec.channels().get(1).secret()).isNull();
        assertThat(spec.channels().get(2).url()).hasToString("mailto:finops@example.com,a@example.org");
    }

    @Test
    void aTokenLimitIsAWholeNumber() {
        assertThat(read("{\"name\": \"t\", \"period\": \"day\", \"limitTokens\": 1000000}").limit()).isEqualTo(Limit.tokens(1_000_000));
    }

    @Test
    void readOnlyFieldsSentBackFromAGetAreIgnored() {
        BudgetBody.Spec spec = read(
                """
                        {"id": "bud_0000000000000001", "tenant": "acme", "name": "n", "period": "day", "limitUsd": 1, "limitTokens": null,
                         "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
                         "channels": [{"id": "ch_0000000000000001", "type": "webhook", "url": "http://h/x", "format": "json", "hasSecret": true}]}""");
        assertThat(spec.channels().get(0).id()).isEqualTo("ch_0000000000000001");
        assertThat(spec.channels().get(0).secret()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                                           | body
            []                                                                                 | body
            {"period": "day", "limitUsd": 1}                                                   | name
            {"name": "  ", "period": "day", "limitUsd": 1}                                     | name
            {"name": 5, "period": "day", "limitUsd": 1}                                        | name
            {"name": "n", "period": "year", "limitUsd": 1}                                     | period
            {"name": "n", "limitUsd": 1}                                                       | period
            {"name": "n", "period": "day", "tz": "Mars/Olympus", "limitUsd": 1}                | tz
            {"name": "n", "period": "day"}                                                     | limitUsd
            {"name": "n", "period": "day", "limitUsd": 1, "limitTokens": 5}                    | limitUsd
            {"name": "n", "period": "day", "limitUsd": 0}                                      | limitUsd
            {"name": "n", "period": "day", "limitUsd": -3}                                     | limitUsd
            {"name": "n", "period": "day", "limitUsd": "100"}                                  | limitUsd
            {"name": "n", "period": "day", "limitUsd": 0.0000000000001}                        | limitUsd
            {"name": "n", "period": "day", "limitUsd": 1e400}                                  | limitUsd
            {"name": "n", "period": "day", "limitTokens": 1.5}                                 | limitTokens
            {"name": "n", "period": "day", "limitTokens": 0}                                   | limitTokens
            {"name": "n", "period": "day", "limitTokens": 99999999999999999999999}             | limitTokens
            {"name": "n", "period": "day", "limitUsd": 1, "thresholds": []}                    | thresholds
            {"name": "n", "period": "day", "limitUsd": 1, "thresholds": [50, 0]}               | thresholds[1]
            {"name": "n", "period": "day", "limitUsd": 1, "thresholds": [50, 50]}              | thresholds[1]
            {"name": "n", "period": "day", "limitUsd": 1, "thresholds": [50.5]}                | thresholds[0]
            {"name": "n", "period": "day", "limitUsd": 1, "forecast": "yes"}                   | forecast
            {"name": "n", "period": "day", "limitUsd": 1, "scope": ["project"]}                | scope
            {"name": "n", "period": "day", "limitUsd": 1, "scope": {"team": "a"}}              | scope.team
            {"name": "n", "period": "day", "limitUsd": 1, "scope": {"project": []}}            | scope.project
            {"name": "n", "period": "day", "limitUsd": 1, "scope": {"project": [1]}}           | scope.project[0]
            {"name": "n", "period": "day", "limitUsd": 1, "scope": {"status": "failed"}}       | scope.status
            {"name": "n", "period": "day", "limitUsd": 1, "scope": {"tag.bad key": "x"}}       | scope.tag.bad key
            {"name": "n", "period": "day", "limitUsd": 1, "scope": {"serviceTier": "gold"}}    | scope.serviceTier
            {"name": "n", "period": "day", "limitUsd": 1, "scope": {"user": "\\u0000"}}        | scope.user
            {"name": "n", "period": "day", "limitUsd": 1, "limt": 5}                           | limt
            {"name": "n", "period": "day", "limitUsd": 1, "channels": {}}                      | channels
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"secret": "0123456789abcdef"}]} | channels[0].url
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "ftp://h/x", "secret": "0123456789abcdef"}]} | channels[0].url
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "http://u:p@h/x", "secret": "0123456789abcdef"}]} | channels[0].url
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "https://h/x"}]} | channels[0].secret
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "https://h/x", "secret": "short"}]} | channels[0].secret
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "https://h/x", "format": "xml", "secret": "0123456789abcdef"}]} | channels[0].format
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "https://h/x", "type": "sms", "secret": "0123456789abcdef"}]} | channels[0].type
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "https://h/x", "type": "email", "recipients": ["a@example.com"]}]} | channels[0].url
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"type": "email", "recipients": ["not an address"]}]} | channels[0].recipients[0]
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"type": "email"}]} | channels[0].recipients
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "https://h/x", "secret": "0123456789abcdef", "recipients": ["a@example.com"]}]} | channels[0].recipients
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [null]}                  | channels[0]
            {"name": "n", "period": "day", "limitUsd": 1, "notify": "hourly"} | notify
            {"name": "n", "period": "day", "limitUsd": 1, "hard": "yes"} | hard
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "https://h/x", "headers": {}, "secret": "0123456789abcdef"}]} | channels[0].headers
            {"name": "n", "name": "m", "period": "day", "limitUsd": 1}                         | body
            {"name": "a\\u0000b", "period": "day", "limitUsd": 1}                             | name
            {"name": "n", "period": "day", "limitUsd": 1, "channels": [{"url": "https://h/x", "secret": "0123456789abcdef\\u0000"}]} | channels[0].secret
            """)
    void aMistakeIsA400ProblemNamingTheField(String body, String field) {
        RequestBodies.expectFieldProblem(client, "/budgets", body, field);
        assertThat(budgets.last).hasNullValue();
    }

    @Test
    void noMalformedFieldIsAnsweredWithA5xx() {
        assertThat(RequestBodies.fuzz(client, "/budgets", """
                {"name": "n", "scope": {"project": ["a"], "tag.env": "prod"}, "period": "day", "tz": "UTC", "limitUsd": 1,
                 "thresholds": [50, 100], "forecast": true, "hard": false, "notify": "daily",
                 "channels": [{"id": "ch_1", "type": "webhook", "url": "https://h/x", "format": "json", "secret": "0123456789abcdef"},
                              {"type": "email", "recipients": ["a@example.com"]}]}""")).isGreaterThan(300);
    }

    private BudgetBody.Spec read(String body) {
        client.post().uri("/budgets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk();
        BudgetBody.Spec spec = budgets.last.get();
        assertThat(spec).isNotNull();
        return spec;
    }
}
