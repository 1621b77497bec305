package dev.tokenmeter.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.deploy.files.DeployFiles;
import dev.tokenmeter.deploy.files.Tools;
import dev.tokenmeter.process.Processes;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (the Debian package's binary) with the project's own configuration and rules,
 * its targets and intervals rewritten for the test, and its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final String base;

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Writes deploy/prometheus/prometheus.yml, with each key of {@code replacements} (which must occur in
     * it) replaced, and the rules beside it into {@code workDir}, then starts Prometheus on {@code port}.
     */
    static PrometheusServer start(Path workDir, int port, Map<String, String> replacements) throws IOException {
        Path prometheus = Tools.require("prometheus");
        Path configDir = workDir.resolve("config");
        Files.createDirectories(configDir.resolve("rules"));
        String config = DeployFiles.read(DeployFiles.prometheus().resolve("prometheus.yml"));
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (!config.contains(replacement.getKey())) {
                fail("deploy/prometheus/prometheus.yml no longer contains " + replacement.getKey() + ": update PrometheusScrapeIT");
            }
            config = config.replace(replacement.getKey(), replacement.getValue());
        }
        Files.writeString(configDir.resolve("prometheus.yml"), config);
        try (Stream<Path> rules = Files.list(DeployFiles.prometheus().resolve("rules"))) {
            for (Path rule : rules.toList()) {
                Files.copy(rule, configDir.resolve("rules").resolve(rule.getFileName()));
            }
        }
        Path log = workDir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(prometheus.toString(),
                "--config.file=" + configDir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + workDir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        PrometheusServer server = new PrometheusServer(process, log, port);
        // Until it listens, connecting fails: that is "not ready yet", not an error.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .ignoreExceptionsInstanceOf(IllegalStateException.class).until(() -> {
                    if (!process.isAlive()) {
                        fail("prometheus exited (code " + process.exitValue() + "):\n" + server.output());
                    }
                    return server.get("/-/ready").statusCode() == 200;
                });
        return server;
    }

    /** An instant query; fails the test unless Prometheus answers {@code status: success}. */
    JsonNode query(String promql) {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asString()).as(promql + " -> " + response.body()).isEqualTo("success");
        return answer.get("data");
    }

    /** The single value of an instant vector query, or NaN when it is empty. */
    double value(String promql) {
        JsonNode result = query(promql).get("result");
        if (result.isEmpty()) {
            return Double.NaN;
        }
        assertThat(result.size()).as(promql + " has one series").isEqualTo(1);
        return Double.parseDouble(result.get(0).get("value").get(1).asString());
    }

    JsonNode api(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("data");
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + base + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(30));
    }
}
