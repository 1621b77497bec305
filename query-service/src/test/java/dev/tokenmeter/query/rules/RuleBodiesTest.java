package dev.tokenmeter.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.web.RequestBodies;
import jakarta.validation.Valid;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
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

/** Rule, anomaly watch and digest bodies as the service reads and checks them, and their settings as stored and read back. */
class RuleBodiesTest {

    @RestController
    static class Rules {

        final AtomicReference<RuleBodies.@Nullable RuleBody> last = new AtomicReference<>();

        @PostMapping("/rules")
        void rule(@RequestBody @Valid RuleBodies.UsageRule body) {
            last.set(body);
            body.toSpec();
        }

        @PostMapping("/anomalies")
        void anomaly(@RequestBody @Valid RuleBodies.AnomalyWatch body) {
            last.set(body);
            body.toSpec();
        }

        @PostMapping("/digests")
        void digest(@RequestBody @Valid RuleBodies.Digest body) {
            last.set(body);
            body.toSpec();
        }
    }

    final Rules rules = new Rules();
    final WebTestClient client = RequestBodies.client(rules);

    @Test
    void aUsageRuleTakesItsDefaultsAndReadsBackFromWhatIsStored() {
        RuleBodies.RuleBody body = read("/rules", """
                {"name": "Errors", "scope": {"project": "bot"}, "window": "15m", "measure": "errorRate", "threshold": 0.1}""");
        RuleSpec.Usage usage = (RuleSpec.Usage) body.toSpec();
        assertThat(usage.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(usage.comparison()).isEqualTo(RuleSpec.Comparison.ABOVE);
        assertThat(usage.clearThreshold()).isEqualByComparingTo("0.1");
        assertThat(usage.clearAfter()).isEqualTo(1);
        assertThat(body.filters()).containsEntry("project", List.of("bot"));
        assertThat(body.enabled()).isNull();
        String stored = RuleEvaluator.JSON.writeValueAsString(usage.view());
        assertThat(RuleBodies.stored(Rule.Kind.USAGE, stored)).isEqualTo(usage);
    }

    @Test
    void anAnomalyWatchAndADigestReadBackFromWhatIsStored() {
        RuleSpec anomaly = read("/anomalies", "{\"name\": \"Spend\", \"granularity\": \"hour\", \"tz\": \"Asia/Kolkata\", \"k\": 2.5}")
                .toSpec();
        assertThat(RuleBodies.stored(Rule.Kind.ANOMALY, RuleEvaluator.JSON.writeValueAsString(anomaly.view()))).isEqualTo(anomaly);
        RuleSpec digest = read("/digests", "{\"name\": \"Daily\", \"cadence\": \"daily\", \"at\": \"07:30\", \"topMovers\": 0}").toSpec();
        assertThat(RuleBodies.stored(Rule.Kind.DIGEST, RuleEvaluator.JSON.writeValueAsString(digest.view()))).isEqualTo(digest);
    }

    @Test
    void aDigestDefaultsToMondayAt9Weekly() {
        RuleSpec.Digest digest = (RuleSpec.Digest) read("/digests",
                "{\"name\": \"Weekly\", \"tz\": \"Europe/Berlin\", \"day\": \"Monday\"}")
                .toSpec();
        assertThat(digest.day()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(digest.at()).isEqualTo(LocalTime.of(9, 0));
        assertThat(digest.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(digest.view()).containsEntry("cadence", "weekly").containsEntry("day", "monday").containsEntry("at", "09:00")
                .containsEntry("tz", "Europe/Berlin");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /rules     | {"name": "x", "window": "2m", "measure": "errorRate", "threshold": 0.1}                            | window
            /rules     | {"name": "x", "window": "2d", "measure": "errorRate", "threshold": 0.1}                            | window
            /rules     | {"name": "x", "measure": "errorRate", "threshold": 0.1}                                            | window
            /rules     | {"name": "x", "window": "5m", "measure": "latency", "threshold": 1}                                | measure
            /rules     | {"name": "x", "window": "5m", "measure": "errorRate", "threshold": 2}                              | threshold
            /rules     | {"name": "x", "window": "5m", "measure": "errorRate"}                                              | threshold
            /rules     | {"name": "x", "window": "5m", "measure": "errorRate", "threshold": 0.1, "clearThreshold": 0.2}     | clearThreshold
            /rules     | {"name": "x", "window": "5m", "measure": "requests", "threshold": 1, "comparison": "below", "clearThreshold": 0} | clearThreshold
            /rules     | {"name": "x", "window": "5m", "measure": "requests", "threshold": 1, "comparison": "sideways"}    | comparison
            /rules     | {"name": "x", "window": "5m", "measure": "requests", "threshold": 1, "clearAfter": 1.5}           | clearAfter
            /rules     | {"name": "x", "window": "5m", "measure": "requests", "threshold": 1, "clearAfter": 101}           | clearAfter
            /rules     | {"name": "x", "window": "5m", "measure": "requests", "threshold": 1, "enabled": "yes"}            | enabled
            /rules     | {"name": "x", "window": "5m", "measure": "requests", "threshold": 1, "scope": {"color": "red"}}   | scope.color
            /rules     | {"name": "x", "window": "5m", "measure": "requests", "threshold": 1, "granularity": "day"}        | granularity
            /rules     | {"window": "5m", "measure": "requests", "threshold": 1}                                            | name
            /anomalies | {"name": "x", "granularity": "week"}                                                               | granularity
            /anomalies | {"name": "x", "k": 0}                                                                              | k
            /anomalies | {"name": "x", "minSpendUsd": -1}                                                                   | minSpendUsd
            /anomalies | {"name": "x", "window": "5m"}                                                                      | window
            /digests   | {"name": "x", "at": "25:00"}                                                                       | at
            /digests   | {"name": "x", "day": "someday"}                                                                    | day
            /digests   | {"name": "x", "tz": "Mars/Olympus"}                                                                | tz
            /digests   | {"name": "x", "cadence": "monthly"}                                                                | cadence
            /digests   | {"name": "x", "topMovers": 21}                                                                     | topMovers
            /digests   | {"name": "x", "channels": [{"url": "ftp://example.com/hook", "secret": "0123456789abcdef"}]}      | channels[0].url
            /digests   | {"name": "x", "channels": [{"url": "https://example.com/hook"}]}                                  | channels[0].secret
            """)
    void aMistakeIsA400ProblemNamingTheField(String path, String body, String field) {
        RequestBodies.expectFieldProblem(client, path, body, field);
        assertThat(rules.last).hasNullValue();
    }

    @Test
    void noMalformedFieldIsAnsweredWithA5xx() {
        String channels = "\"channels\": [{\"url\": \"https://h/x\", \"secret\": \"0123456789abcdef\"}]";
        int sent = RequestBodies.fuzz(client, "/rules", "{\"name\": \"n\", \"scope\": {\"model\": \"m\"}, \"window\": \"15m\", "
                + "\"measure\": \"costUsd\", \"comparison\": \"above\", \"threshold\": 5, \"clearThreshold\": 4, \"clearAfter\": 2, "
                + "\"enabled\": true, " + channels + "}");
        sent += RequestBodies.fuzz(client, "/anomalies", "{\"name\": \"n\", \"granularity\": \"hour\", \"tz\": \"UTC\", \"k\": 3, "
                + "\"minSpendUsd\": 10, " + channels + "}");
        sent += RequestBodies.fuzz(client, "/digests", "{\"name\": \"n\", \"cadence\": \"weekly\", \"day\": \"friday\", "
                + "\"at\": \"08:30\", \"tz\": \"Europe/Berlin\", \"topMovers\": 3, " + channels + "}");
        assertThat(sent).isGreaterThan(600);
    }

    private RuleBodies.RuleBody read(String path, String body) {
        client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk();
        RuleBodies.RuleBody read = rules.last.get();
        assertThat(read).isNotNull();
        return read;
    }
}
