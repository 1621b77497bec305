package dev.tokenmeter.ingest;

import dev.tokenmeter.process.Processes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.ingest.otlp.SpanFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The TypeScript side: {@code examples/typescript-otlp} sends the GenAI fixture spans with
 * {@code @opentelemetry/exporter-trace-otlp-http} (OTLP/JSON), configured only by
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} and {@code OTEL_EXPORTER_OTLP_HEADERS}; every model call
 * is stored exactly, and running it again (new spans) adds exactly as many.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithIngestHarness
class OtlpTypeScriptIT {

    static final IngestHarness harness = IngestHarness.of(OtlpTypeScriptIT.class);
    static final Path EXAMPLE = Path.of(System.getProperty("tokenmeter.repo", "..")).resolve("examples/typescript-otlp")
            .toAbsolutePath().normalize();

    @LocalServerPort
    int port;

    @Test
    void spansFromTheOpenTelemetryJsExporterAreStoredExactly() throws Exception {
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());

        String output = run(List.of("node", "send-spans.mjs"), Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://localhost:" + port + "/v1/traces",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20" + IngestHarness.INGEST_KEY));

        Map<String, SpanFixtures.Case> byName = SpanFixtures.cases().stream()
                .collect(Collectors.toMap(SpanFixtures.Case::name, Function.identity()));
        Map<String, SpanFixtures.Case> sent = new LinkedHashMap<>();
        for (String line : output.strip().split("\n")) {
            String[] idAndName = line.split(" ", 2);
            if (idAndName.length == 2 && byName.containsKey(idAndName[1])) {
                sent.put(idAndName[0], byName.get(idAndName[1]));
            }
        }
        assertThat(sent).hasSize(SpanFixtures.cases().size());
        harness.awaitConsumed();
        OtlpIngestIT.assertStoredExactly(harness, sent);
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'acme'")).isEqualTo(sent.size());
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("otlp-typescript", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(EXAMPLE.toFile())
                .redirectOutput(log.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean done = Processes.awaitOrKill(process, Duration.ofMinutes(5));
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(done && process.exitValue() == 0).as(String.join(" ", command) + " in " + EXAMPLE + ":\n" + output).isTrue();
        return output;
    }
}
