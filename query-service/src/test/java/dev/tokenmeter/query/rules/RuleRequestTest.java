package dev.tokenmeter.query.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.outbound.OutboundGuard;
import dev.tokenmeter.query.web.BadParameter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuleRequestTest {

    static final OutboundGuard GUARD = org.mockito.Mockito.mock(OutboundGuard.class);

    @Test
    void aUsageRuleTakesItsDefaultsAndReadsBackFromWhatIsStored() {
        RuleRequest.Spec spec = RuleRequest.parse(Rule.Kind.USAGE, """
                {"name": "Errors", "scope": {"project": "bot"}, "window": "15m", "measure": "errorRate", "threshold": 0.1}""", GUARD);
        RuleSpec.Usage usage = (RuleSpec.Usage) spec.spec();
        assertThat(usage.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(usage.comparison()).isEqualTo(RuleSpec.Comparison.ABOVE);
        assertThat(usage.clearThreshold()).isEqualByComparingTo("0.1");
        assertThat(usage.clearAfter()).isEqualTo(1);
        assertThat(spec.scope()).containsEntry("project", java.util.List.of("bot"));
        String stored = RuleEvaluator.JSON.writeValueAsString(usage.view());
        assertThat(RuleRequest.spec(Rule.Kind.USAGE, stored)).isEqualTo(usage);
    }

    @Test
    void mistakesNameTheirField() {
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"2m\", \"measure\": \"errorRate\", \"threshold\": 0.1}", "window");
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"2d\", \"measure\": \"errorRate\", \"threshold\": 0.1}", "window");
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"5m\", \"measure\": \"latency\", \"threshold\": 1}", "measure");
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"5m\", \"measure\": \"errorRate\", \"threshold\": 2}", "threshold");
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"5m\", \"measure\": \"errorRate\"}", "threshold");
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"5m\", \"measure\": \"errorRate\", \"threshold\": 0.1, "
                + "\"clearThreshold\": 0.2}", "clearThreshold");
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"5m\", \"measure\": \"requests\", \"threshold\": 1, "
                + "\"comparison\": \"below\", \"clearThreshold\": 0}", "clearThreshold");
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"5m\", \"measure\": \"requests\", \"threshold\": 1, "
                + "\"clearAfter\": 1.5}", "clearAfter");
        assertField(Rule.Kind.USAGE, "{\"name\": \"x\", \"window\": \"5m\", \"measure\": \"requests\", \"threshold\": 1, "
                + "\"scope\": {\"color\": \"red\"}}", "scope.color");
        assertField(Rule.Kind.ANOMALY, "{\"name\": \"x\", \"granularity\": \"week\"}", "granularity");
        assertField(Rule.Kind.ANOMALY, "{\"name\": \"x\", \"k\": 0}", "k");
        assertField(Rule.Kind.ANOMALY, "{\"name\": \"x\", \"window\": \"5m\"}", "window");
        assertField(Rule.Kind.DIGEST, "{\"name\": \"x\", \"at\": \"25:00\"}", "at");
        assertField(Rule.Kind.DIGEST, "{\"name\": \"x\", \"day\": \"someday\"}", "day");
        assertField(Rule.Kind.DIGEST, "{\"name\": \"x\", \"tz\": \"Mars/Olympus\"}", "tz");
        assertField(Rule.Kind.DIGEST,
                "{\"name\": \"x\", \"channels\": [{\"url\": \"ftp://example.com/hook\", \"secret\": \"0123456789abcdef\"}]}",
                "channels[0].url");
    }

    @Test
    void aDigestDefaultsToMondayAt9Weekly() {
        RuleSpec.Digest digest = (RuleSpec.Digest) RuleRequest
                .parse(Rule.Kind.DIGEST, "{\"name\": \"Weekly\", \"tz\": \"Europe/Berlin\"}", GUARD).spec();
        assertThat(digest.view()).containsEntry("cadence", "weekly").containsEntry("day", "monday").containsEntry("at", "09:00")
                .containsEntry("tz", "Europe/Berlin");
    }

    private static void assertField(Rule.Kind kind, String body, String field) {
        assertThatThrownBy(() -> RuleRequest.parse(kind, body, GUARD))
                .isInstanceOf(BadParameter.class)
                .satisfies(e -> assertThat(((BadParameter) e).parameter()).isEqualTo(field));
    }
}
