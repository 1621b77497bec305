package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.client.provider.Fixtures;
import dev.tokenmeter.client.stack.Commands;
import dev.tokenmeter.client.stack.Stack;
import dev.tokenmeter.client.stack.StackExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The Python and TypeScript examples, short uses of the packages in {@code clients/}, run their own
 * test suites (mappings on the shared fixtures, publishing to the running stack's HTTP ingest, and
 * the README's "Send usage" example), and what they published shows up in the query API's summary:
 * one event per fixture, the re-published one counted once, plus the example's two calls, the token
 * fields summed exactly as the fixtures' expected mapping says.
 */
@ExtendWith(StackExtension.class)
class ExamplesIT {

    private final Stack stack;
    private final Path examples = Commands.repo("examples");

    ExamplesIT(Stack stack) {
        this.stack = stack;
    }

    @Test
    void thePythonExamplePublishesThroughHttpIngestWithOnlyTheStandardLibrary() throws Exception {
        String output = run(examples.resolve("python"), "python-example",
                "python3", "-m", "unittest", "discover", "-v");

        assertThat(output).contains("test_one_event_per_fixture_is_accepted").contains("test_the_readme_example")
                .doesNotContain("skipped");
        assertSummaryMatchesTheFixtures("python-example");
    }

    @Test
    void theTypeScriptExamplePublishesThroughHttpIngestWithNodesTestRunner() throws Exception {
        Path client = examples.resolveSibling("clients").resolve("typescript");
        run(client, "ts-example-client-install", "npm", "ci", "--no-audit", "--no-fund");
        run(client, "ts-example-client-build", "npm", "run", "build");
        run(examples.resolve("typescript"), "ts-example-install", "npm", "ci", "--no-audit", "--no-fund");

        String output = run(examples.resolve("typescript"), "ts-example", "node", "--test", "test/");

        assertThat(output).contains("the README example meters each call").contains("# fail 0").contains("# skipped 0");
        assertSummaryMatchesTheFixtures("ts-example");
    }

    @Test
    void theShellExamplesPublishThroughHttpIngestAndKafka() throws Exception {
        Path scripts = examples.resolve("send-usage");
        run(scripts, "shell-example", "bash", "-eu", "http.sh");
        run(scripts, "shell-example", Map.of("TOKENMETER_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers()), "bash", "-eu", "-o",
                "pipefail", "kafka.sh");

        JsonNode summary = stack.awaitRequests("shell-example", 2);
        assertThat(List.of(summary.path("requests").longValue(), summary.path("inputTokens").longValue(),
                summary.path("cachedInputTokens").longValue(), summary.path("outputTokens").longValue()))
                .as("requests, input, cached, output: http.sh's event plus kafka.sh's")
                .containsExactly(2L, 1200L + 3180L, 1000L + 3142L, 300L + 112L);
    }

    @Test
    void theJavaExamplePublishesThroughHttpIngest() throws Exception {
        JsonNode response = Fixtures.read("openai-chat-completion.json");
        try (Metering metering = new Metering(stack.ingestUrl(), Stack.ingestKey("java-example"))) {
            metering.chatCompleted("java-example", response, Duration.ofMillis(812), "u_42").get(1, TimeUnit.MINUTES);
            metering.chatCompleted("java-example", response, Duration.ofMillis(640), "u_43").get(1, TimeUnit.MINUTES);
        }

        JsonNode summary = stack.awaitRequests("java-example", 2);
        JsonNode usage = Fixtures.expectedCases().stream()
                .filter(c -> c.path("fixture").asString("").equals("openai-chat-completion.json")).findFirst().orElseThrow()
                .path("usage");
        assertThat(summary.path("requests").longValue()).isEqualTo(2);
        assertThat(summary.path("inputTokens").longValue()).isEqualTo(2 * usage.path("inputTokens").longValue());
        assertThat(summary.path("outputTokens").longValue()).isEqualTo(2 * usage.path("outputTokens").longValue());
    }

    private void assertSummaryMatchesTheFixtures(String tenant) {
        List<JsonNode> cases = Fixtures.expectedCases();
        // the README example (send_usage.py, send-usage.mjs) makes two calls answered with openai-chat-completion.json
        JsonNode example = cases.stream().filter(c -> c.path("fixture").asString("").equals("openai-chat-completion.json"))
                .findFirst().orElseThrow();
        JsonNode summary = stack.awaitRequests(tenant, cases.size() + 2);
        assertThat(summary.path("requests").longValue()).isEqualTo(cases.size() + 2);
        for (String field : List.of("inputTokens", "cachedInputTokens", "cacheWriteTokens", "outputTokens", "reasoningTokens")) {
            long expected = cases.stream().mapToLong(c -> c.path("usage").path(field).longValue()).sum()
                    + 2 * example.path("usage").path(field).longValue();
            assertThat(summary.path(field).longValue()).as(field).isEqualTo(expected);
        }
    }

    /** Runs the command in the directory with the stack's ingest URL and the tenant's key; fails on a non-zero exit. */
    private String run(Path directory, String tenant, String... command) throws IOException, InterruptedException {
        return run(directory, tenant, Map.of(), command);
    }

    private String run(Path directory, String tenant, Map<String, String> extraEnv, String... command)
            throws IOException, InterruptedException {
        Path log = Path.of("target", "it-logs", tenant + "-" + command[command.length - 1].replaceAll("[^A-Za-z0-9.-]", "_") + ".log")
                .toAbsolutePath();
        return Commands.run(directory, log, Duration.ofMinutes(3), "the examples need Python 3 and Node 20+ on the PATH",
                environment -> {
                    environment.putAll(Map.of(
                            "TOKENMETER_INGEST_URL", stack.ingestUrl().toString(),
                            "TOKENMETER_INGEST_KEY", Stack.ingestKey(tenant),
                            "TOKENMETER_TENANT", tenant,
                            "PYTHONDONTWRITEBYTECODE", "1",
                            "PYTHONPATH", examples.resolveSibling("clients").resolve("python").resolve("src").toString(),
                            "NO_COLOR", "1"));
                    environment.putAll(extraEnv);
                }, command);
    }
}
