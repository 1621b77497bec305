package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.event.Reason;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UsageEventBuilderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30.123456Z"), ZoneOffset.UTC);

    @Test
    void defaultsAreAGeneratedIdNowSuccessAndUnknownEndpoint() {
        UsageEvent event = UsageEventBuilder.forTenant("acme", CLOCK)
                .provider("openai").model("gpt-4o-mini")
                .usage(new Usage(100, 0, 0, 20, 0))
                .build();

        assertThat(event.id()).hasSize(26);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
        assertThat(event.status()).isEqualTo(Status.SUCCESS);
        assertThat(event.endpoint()).isEqualTo(UsageEvent.UNKNOWN_ENDPOINT);
        assertThat(event.tags()).isEmpty();
    }

    @Test
    void everyFieldSetIsKept() {
        UsageEvent event = UsageEventBuilder.forTenant("acme", CLOCK)
                .id("req-42").time(Instant.parse("2026-11-23T10:00:00Z"))
                .provider("anthropic").model("claude-sonnet-4-5").endpoint("messages")
                .project("support-bot").apiKey("key_live_7f3a").user("u_42")
                .error("rate_limit", "429 from upstream").latency(Duration.ofMillis(812))
                .costUsd(new BigDecimal("0.000321")).tag("env", "prod")
                .build();

        assertThat(event).isEqualTo(new UsageEvent("req-42", "acme", Instant.parse("2026-11-23T10:00:00Z"),
                "anthropic", "claude-sonnet-4-5", "messages", "support-bot", "key_live_7f3a", "u_42", Status.ERROR,
                new dev.tokenmeter.event.EventError("rate_limit", "429 from upstream"), 812, Usage.NONE,
                new BigDecimal("0.000321"), java.util.Map.of("env", "prod")));
    }

    @Test
    void anEventThatBreaksTheContractIsRefusedWithEveryViolation() {
        UsageEventBuilder builder = UsageEventBuilder.forTenant("Acme Corp", CLOCK)
                .model("gpt-4o")
                .usage(new Usage(10, 20, 0, 5, 0));

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.violations()).extracting(v -> v.field())
                            .contains("tenant", "provider", "usage.cachedInputTokens");
                    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_VIOLATION);
                });
    }

    @Test
    void aBatchCallWithUnitsAndACallWithoutAModelAreBuiltAsTheContractSays() {
        UsageEvent batch = UsageEventBuilder.forTenant("acme", CLOCK)
                .provider("openai").model("gpt-4o-mini").serviceTier(dev.tokenmeter.event.ServiceTier.BATCH)
                .unit("webSearches", 2).unit("webSearches", 1)
                .build();
        UsageEvent weather = UsageEventBuilder.forTenant("acme", CLOCK)
                .provider("weatherco").endpoint("forecast").unit("requests", 1)
                .build();

        assertThat(batch.serviceTier()).isEqualTo(dev.tokenmeter.event.ServiceTier.BATCH);
        assertThat(batch.units()).containsExactly(java.util.Map.entry("webSearches", 3L));
        assertThat(weather.model()).isNull();
        assertThat(weather.units()).containsEntry("requests", 1L);
    }
}
