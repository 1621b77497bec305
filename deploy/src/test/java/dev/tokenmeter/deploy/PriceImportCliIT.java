package dev.tokenmeter.deploy;

import static dev.tokenmeter.deploy.Faults.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.deploy.prices.PriceImportCli;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deploy/price-import} against a running query service (its jar from query-service/target, on
 * an embedded PostgreSQL, as the local stack runs it): the committed samples are imported, the second
 * run changes nothing, and refusals are exit code 1 with the service's reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceImportCliIT {

    static final String OPERATOR = "operator-key-of-the-price-import-cli-it";
    static final Path SAMPLES = Path.of("").toAbsolutePath().getParent().resolve("query-service/src/test/resources/price-import");

    final Components components = new Components();
    DataDir dataDir;
    Ports ports;
    String admin;

    @BeforeAll
    void startQueryService() throws Exception {
        dataDir = DataDir.open(Path.of("target", "price-import-cli").toAbsolutePath(), true);
        Files.createDirectories(dataDir.conf());
        ports = new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        LocalPostgres postgres = components.start(() -> LocalPostgres.start(dataDir, ports.postgres()));
        // No alert is raised here, so the SMTP port only has to be one that nothing else uses.
        Services.query(ports, Options.LOOPBACK, postgres, new Keys(OPERATOR, false, "ingest-unused", "viewer-unused", "viewer-id"),
                freePort())
                .start(Path.of("").toAbsolutePath().getParent(), dataDir, components);
        admin = createKey("acme", "admin");
    }

    @AfterAll
    void stop() throws IOException {
        components.stopAll();
        if (dataDir != null) {
            dataDir.close();
        }
    }

    @Test
    void aDryRunShowsTheDiffThenTheImportSavesItAndASecondImportChangesNothing() {
        List<String> dry = run(0, "--file", sample("litellm-sample.json"), "--effective-from", "2026-12-01", "--dry-run");
        assertThat(dry.get(0)).isEqualTo(
                "Dry run, nothing saved: litellm prices from 2026-12-01T00:00:00Z: 6 added, 0 changed, 3 unchanged, 6 skipped");
        assertThat(dry).contains("+ openai/gpt-4o-search-preview  input 2.5, output 10, cachedInput 1.25");

        List<String> saved = run(0, "--file", sample("litellm-sample.json"), "--effective-from", "2026-12-01");
        assertThat(saved.get(0)).isEqualTo("Saved: litellm prices from 2026-12-01T00:00:00Z: 6 added, 0 changed, 3 unchanged, 6 skipped");

        List<String> again = run(0, "--file", sample("litellm-sample.json"), "--effective-from", "2026-12-01", "--verbose");
        assertThat(again.get(0)).isEqualTo("Saved: litellm prices from 2026-12-01T00:00:00Z: 0 added, 0 changed, 9 unchanged, 6 skipped");
        assertThat(again).contains("= openai/gpt-4o-search-preview");
    }

    @Test
    void theOperatorImportsGenAiPricesForANamedTenantAndSeesTheRounding() {
        List<String> first = run(0, "--file", sample("genai-prices-sample.json"), "--effective-from", "2026-12-01",
                "--key", OPERATOR, "--tenant", "globex", "--format", "genai-prices");
        assertThat(first).anyMatch(line -> line.startsWith("+ huggingface_together/qwen/qwen3-vl-8b-instruct  input 0.18 "
                + "(raw 0.18000000000000002, rounded)"));
        assertThat(first).contains("- deepseek/deepseek-chat: time-of-day prices (constraint start_time/end_time) not supported");

        List<String> second = run(0, "--file", sample("genai-prices-sample.json"), "--effective-from", "2026-12-01",
                "--key", OPERATOR, "--tenant", "globex");
        assertThat(second.get(0)).contains(": 0 added, 0 changed, ");
    }

    @Test
    void aRefusedImportIsExitCode1WithTheServicesReasonAndBadFlagsAre2() {
        List<String> errors = new ArrayList<>();
        int code = PriceImportCli.run(List.of("--url", url(), "--key", "tm_not-a-key-0000000000000000000000000",
                "--file", sample("litellm-sample.json"), "--effective-from", "2026-12-01"), Map.of(), line -> {
                }, errors::add);
        assertThat(code).isEqualTo(1);
        assertThat(errors.get(0)).startsWith("Refused (HTTP 401)");

        errors.clear();
        code = PriceImportCli.run(List.of("--url", url(), "--key", admin, "--file", sample("litellm-sample.json"),
                "--effective-from", "first of December"), Map.of(), line -> {
                }, errors::add);
        assertThat(code).isEqualTo(1);
        assertThat(errors.get(0)).startsWith("Refused (HTTP 400): effectiveFrom: must be an RFC 3339 instant");

        errors.clear();
        assertThat(PriceImportCli.run(List.of("--file", "x.json"), Map.of(), line -> {
        }, errors::add)).isEqualTo(2);
        assertThat(errors.get(0)).startsWith("--effective-from is required");
    }

    private List<String> run(int expectedExit, String... args) {
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        List<String> all = new ArrayList<>(List.of("--url", url()));
        all.addAll(List.of(args));
        int code = PriceImportCli.run(all, Map.of("TOKENMETER_KEY", admin), out::add, err::add);
        assertThat(code).as(String.join("\n", err)).isEqualTo(expectedExit);
        return out;
    }

    private String url() {
        return "http://127.0.0.1:" + ports.query();
    }

    private static String sample(String name) {
        return SAMPLES.resolve(name).toString();
    }

    private String createKey(String tenant, String role) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/api/v1/keys"))
                .header("Authorization", "Bearer " + OPERATOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"tenant\":\"" + tenant + "\",\"role\":\"" + role + "\",\"name\":\"cli test\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(response.body()).get("secret").asString();
    }
}
