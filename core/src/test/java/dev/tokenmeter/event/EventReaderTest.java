package dev.tokenmeter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventReaderTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final EventReader reader = new EventReader(EventLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    static final String VALID = """
            {"id":"req_01JD3X9Q","tenant":"acme","time":"2026-11-23T10:15:30.123Z",
             "provider":"openai","model":"gpt-4o-mini","endpoint":"chat.completions",
             "project":"support-bot","apiKey":"key_live_7f3a","user":"u_42","status":"error",
             "error":{"type":"rate_limit","message":"429 from upstream"},"latencyMs":812,
             "usage":{"inputTokens":1200,"cachedInputTokens":1000,"cacheWriteTokens":0,"outputTokens":300,"reasoningTokens":120},
             "costUsd":0.000321,"tags":{"env":"prod"},"somethingNew":true}
            """;

    /** {@link #VALID} as a CloudEvent: the tenant is the subject, the rest is the data. */
    static final String CLOUD_EVENT = """
            {"specversion":"1.0","type":"dev.tokenmeter.usage.v1","source":"/svc/bot","id":"req_01JD3X9Q",
             "time":"2026-11-23T10:15:30.123Z","subject":"acme","datacontenttype":"application/json",
             "data":{"provider":"openai","model":"gpt-4o-mini","endpoint":"chat.completions",
               "project":"support-bot","apiKey":"key_live_7f3a","user":"u_42","status":"error",
               "error":{"type":"rate_limit","message":"429 from upstream"},"latencyMs":812,
               "usage":{"reasoningTokens":120,"inputTokens":1200,"cachedInputTokens":1000,"outputTokens":300},
               "costUsd":0.0003210,"tags":{"env":"prod"}}}""";

    @Test
    void readsEveryFieldOfTheContractExample() {
        UsageEvent event = valid(VALID);

        assertThat(event.id()).isEqualTo("req_01JD3X9Q");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
        assertThat(event.status()).isEqualTo(Status.ERROR);
        assertThat(event.error()).isEqualTo(new EventError("rate_limit", "429 from upstream"));
        assertThat(event.latencyMs()).isEqualTo(812);
        assertThat(event.usage()).isEqualTo(new Usage(1200, 1000, 0, 300, 120));
        assertThat(event.costUsd()).isEqualByComparingTo(new BigDecimal("0.000321"));
        assertThat(event.tags()).containsEntry("env", "prod");
    }

    @Test
    void fillsDefaultsForOptionalFields() {
        UsageEvent event = valid("""
                {"id":"a","tenant":"t","time":"2026-11-23T11:00:00+05:30","provider":"p","model":"m"}""");

        assertThat(event.endpoint()).isEqualTo("unknown");
        assertThat(event.status()).isEqualTo(Status.SUCCESS);
        assertThat(event.usage()).isEqualTo(Usage.NONE);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T05:30:00Z"));
    }

    @Test
    void cloudEventAndPlainFormOfTheSameEventHaveTheSameFingerprint() {
        UsageEvent plain = valid(VALID);
        UsageEvent cloud = valid(CLOUD_EVENT);

        assertThat(cloud).isEqualTo(plain);
        assertThat(EventJson.fingerprint(cloud)).isEqualTo(EventJson.fingerprint(plain));
    }

    @Test
    void anyChangedFieldChangesTheFingerprint() {
        UsageEvent event = valid(VALID);
        UsageEvent changed = valid(VALID.replace("\"outputTokens\":300", "\"outputTokens\":301"));

        assertThat(EventJson.fingerprint(changed)).isNotEqualTo(EventJson.fingerprint(event));
    }

    @Test
    void canonicalJsonReadsBackAsTheSameEvent() {
        UsageEvent event = valid(VALID);

        assertThat(reader.read(EventJson.toBytes(event))).isEqualTo(new ParseResult.Valid(event));
    }

    @Test
    void reportsEveryViolationNotJustTheFirst() {
        ParseResult.Invalid invalid = invalid("""
                {"id":"bad id!","tenant":"ACME","time":"yesterday","model":"","status":"ok",
                 "latencyMs":-1,"usage":{"inputTokens":-5,"outputTokens":1.5},"costUsd":"free",
                 "tags":{"bad key":"x"}}""");

        assertThat(invalid.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                "id", "tenant", "time", "provider", "model", "status", "latencyMs",
                "usage.inputTokens", "usage.outputTokens", "costUsd", "tags.bad key");
        assertThat(invalid.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
        assertThat(invalid.detail()).contains("id: must be 1-128 characters", "provider: is required");
    }

    @Test
    void malformedJsonIsNamedSo() {
        assertThat(invalid("{\"id\": ").reason()).isEqualTo(Reason.MALFORMED_JSON);
        assertThat(invalid("[1,2]").reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void moreCachedThanInputTokensIsInconsistentUsage() {
        ParseResult.Invalid invalid = invalid(VALID.replace("\"cachedInputTokens\":1000", "\"cachedInputTokens\":1300"));

        assertThat(invalid.reason()).isEqualTo(Reason.INCONSISTENT_USAGE);
        assertThat(invalid.violations()).extracting(Violation::field).containsExactly("usage.cachedInputTokens");
    }

    @Test
    void cacheReadsPlusWritesMayNotExceedInput() {
        ParseResult.Invalid invalid = invalid(VALID.replace("\"cacheWriteTokens\":0", "\"cacheWriteTokens\":201"));

        assertThat(invalid.violations()).extracting(Violation::field).containsExactly("usage.cacheWriteTokens");
    }

    @Test
    void moreReasoningThanOutputTokensIsInconsistentUsage() {
        ParseResult.Invalid invalid = invalid(VALID.replace("\"reasoningTokens\":120", "\"reasoningTokens\":301"));

        assertThat(invalid.reason()).isEqualTo(Reason.INCONSISTENT_USAGE);
    }

    @Test
    void timesOutsideTheAcceptanceWindowAreTooOldOrInFuture() {
        assertThat(invalid(VALID.replace("2026-11-23T10:15:30.123Z", "2026-10-14T12:00:00Z")).reason())
                .isEqualTo(Reason.TOO_OLD);
        assertThat(invalid(VALID.replace("2026-11-23T10:15:30.123Z", "2026-11-23T13:00:00Z")).reason())
                .isEqualTo(Reason.IN_FUTURE);
        assertThat(reader.read(bytes(VALID.replace("2026-11-23T10:15:30.123Z", "2026-11-23T12:04:59Z"))))
                .isInstanceOf(ParseResult.Valid.class);
    }

    @Test
    void tooOldIsJudgedFromWhenTheRecordReachedKafkaWithinTheBacklogGrace() {
        String fortyDaysOld = VALID.replace("2026-11-23T10:15:30.123Z", "2026-10-14T12:00:00Z");
        Instant arrivedSixDaysAgo = NOW.minus(Duration.ofDays(6));

        assertThat(reader.read(bytes(fortyDaysOld), arrivedSixDaysAgo)).isInstanceOf(ParseResult.Valid.class);
        assertThat(reader.read(bytes(fortyDaysOld), NOW)).isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(Reason.TOO_OLD));
        // A record that claims to have arrived long ago is judged from the end of the grace (7 days) at most.
        String fiftyDaysOld = VALID.replace("2026-11-23T10:15:30.123Z", "2026-10-04T12:00:00Z");
        assertThat(reader.read(bytes(fiftyDaysOld), NOW.minus(Duration.ofDays(30)))).isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(Reason.TOO_OLD));
        // A record stamped in the future is judged from now.
        assertThat(reader.read(bytes(fortyDaysOld), NOW.plus(Duration.ofDays(30)))).isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(Reason.TOO_OLD));
    }

    @Test
    void timesAreTruncatedToTheMicrosecondBeforeAnythingElse() {
        UsageEvent event = valid(VALID.replace("2026-11-23T10:15:30.123Z", "2026-11-22T23:59:59.9999996Z"));
        UsageEvent same = valid(VALID.replace("2026-11-23T10:15:30.123Z", "2026-11-22T23:59:59.999999Z"));

        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-22T23:59:59.999999Z"));
        assertThat(EventJson.fingerprint(event)).isEqualTo(EventJson.fingerprint(same));
    }

    @Test
    void providerCostsAreRoundedToTheStoredTwelveDecimalsHalfUp() {
        UsageEvent event = valid(VALID.replace("0.000321", "0.00000000000050"));
        UsageEvent tiny = valid(VALID.replace("0.000321", "0.00000000000049"));

        assertThat(event.costUsd()).isEqualByComparingTo(new BigDecimal("0.000000000001"));
        assertThat(tiny.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void recordsOver64KibAreTooLarge() {
        String padded = VALID.replace("\"somethingNew\":true", "\"padding\":\"" + "x".repeat(70 * 1024) + "\"");

        assertThat(invalid(padded).reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void cloudEventEnvelopeIsChecked() {
        ParseResult.Invalid invalid = invalid("""
                {"specversion":"0.3","type":"other","id":"x","time":"2026-11-23T10:00:00Z","subject":"acme",
                 "data":{"provider":"p","model":"m"}}""");

        assertThat(invalid.violations()).extracting(Violation::field).containsExactlyInAnyOrder("specversion", "type", "source");
    }

    @Test
    void httpOwnerFillsInAMissingTenantAndRejectsAnotherOne() throws Exception {
        var node = EventReader.JSON.readTree(VALID.replace("\"tenant\":\"acme\",", ""));
        assertThat(reader.read(node, "acme")).isInstanceOfSatisfying(ParseResult.Valid.class,
                valid -> assertThat(valid.event().tenant()).isEqualTo("acme"));

        var other = EventReader.JSON.readTree(VALID);
        assertThat(reader.read(other, "globex")).isInstanceOfSatisfying(ParseResult.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(Reason.TENANT_MISMATCH));
    }

    private UsageEvent valid(String json) {
        ParseResult result = reader.read(bytes(json));
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).event();
    }

    private ParseResult.Invalid invalid(String json) {
        ParseResult result = reader.read(bytes(json));
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        return (ParseResult.Invalid) result;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
