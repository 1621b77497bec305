package dev.tokenmeter.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokenmeter.event.EventLimits;
import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.UsageEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

    private static final Instant ANCHOR = Instant.parse("2026-11-23T17:00:00Z");
    private static final int EVENTS = 20_000;
    private static final Set<String> REASONING_MODELS = Set.of("o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano",
            "gemini-2.5-pro", "gemini-2.5-flash");

    private static final List<String> invalid = new ArrayList<>();
    private static final List<UsageEvent> events = new ArrayList<>();

    /** A history like the launcher's, read back the way the ingest service reads Kafka records. */
    @BeforeAll
    static void generateAndReadBack() {
        EventReader reader = new EventReader(EventLimits.DEFAULT, Clock.fixed(ANCHOR, ZoneOffset.UTC));
        EventGenerator generator = new EventGenerator(42);
        int[] sequence = {0};
        new BackfillPlan(ANCHOR, EVENTS, 42).forEach(time -> {
            byte[] json = generator.next("demo-bf-" + sequence[0]++, time).toJson();
            ParseResult result = reader.read(json);
            if (result instanceof ParseResult.Valid valid) {
                events.add(valid.event());
            } else {
                invalid.add(((ParseResult.Invalid) result).detail() + " in " + new String(json));
            }
        });
    }

    @Test
    void everyEventPassesTheContractsValidation() {
        assertThat(invalid).isEmpty();
        assertThat(events).hasSize(EVENTS);
    }

    @Test
    void aboutTwoPercentOfCallsFailAndHalfAPercentTimeOut() {
        assertThat(share(Status.ERROR)).isCloseTo(0.02, within(0.004));
        assertThat(share(Status.TIMEOUT)).isCloseTo(0.005, within(0.002));
        assertThat(events.stream().filter(e -> e.status() != Status.SUCCESS))
                .allSatisfy(e -> assertThat(e.error()).isNotNull());
    }

    @Test
    void theTenantHasEightProjectsAbout25KeysAndSeveralProvidersAndEndpoints() {
        assertThat(distinct(UsageEvent::project)).hasSize(8);
        assertThat(distinct(UsageEvent::apiKey)).hasSize(25);
        assertThat(distinct(UsageEvent::provider)).containsExactlyInAnyOrder("openai", "anthropic", "google");
        assertThat(distinct(UsageEvent::endpoint))
                .contains("chat.completions", "responses", "embeddings", "messages", "generateContent");
        assertThat(distinct(e -> e.tags().get("env"))).containsExactlyInAnyOrder("prod", "staging");
        assertThat(events).allSatisfy(e -> assertThat(e.tenant()).isEqualTo("demo"));
    }

    @Test
    void onlyReasoningModelsReportReasoningTokens() {
        assertThat(events.stream().filter(e -> e.usage().reasoningTokens() > 0).map(UsageEvent::model).distinct())
                .isNotEmpty()
                .allSatisfy(model -> assertThat(REASONING_MODELS).contains(model));
    }

    @Test
    void cacheWritesAreAnthropicsAndCachedReadsAreCommon() {
        assertThat(events.stream().filter(e -> e.usage().cacheWriteTokens() > 0).map(UsageEvent::provider).distinct())
                .containsExactly("anthropic");
        long cached = events.stream().filter(e -> e.usage().cachedInputTokens() > 0).count();
        assertThat(cached).isGreaterThan(events.size() / 10);
    }

    @Test
    void latencyGrowsWithOutputTokens() {
        List<UsageEvent> calls = events.stream()
                .filter(e -> e.model().equals("gpt-4o-mini") && e.status() == Status.SUCCESS)
                .toList();
        double shortCalls = meanLatency(calls.stream().filter(e -> e.usage().outputTokens() < 150).toList());
        double longCalls = meanLatency(calls.stream().filter(e -> e.usage().outputTokens() > 400).toList());
        assertThat(longCalls).isGreaterThan(shortCalls * 1.8);
    }

    @Test
    void onlyTheEmbeddingModelReportsItsOwnCostAndFailedCallsCostNothing() {
        assertThat(events.stream().filter(e -> e.costUsd() != null).map(UsageEvent::model).distinct())
                .containsExactly("text-embedding-3-small");
        assertThat(events.stream().filter(e -> e.costUsd() != null && e.status() != Status.SUCCESS))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.costUsd()).isZero());
    }

    @Test
    void theSameSeedGivesTheSameEvents() {
        Instant time = ANCHOR.minusSeconds(3600);
        EventGenerator first = new EventGenerator(7);
        EventGenerator second = new EventGenerator(7);
        for (int i = 0; i < 100; i++) {
            assertThat(first.next("id-" + i, time)).isEqualTo(second.next("id-" + i, time));
        }
    }

    private static double share(Status status) {
        return events.stream().filter(e -> e.status() == status).count() / (double) events.size();
    }

    private static Set<String> distinct(java.util.function.Function<UsageEvent, String> field) {
        return events.stream().map(field).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }

    private static double meanLatency(List<UsageEvent> calls) {
        assertThat(calls).hasSizeGreaterThan(50);
        return calls.stream().mapToInt(e -> e.latencyMs() == null ? 0 : e.latencyMs()).average().orElseThrow();
    }
}
