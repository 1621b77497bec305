package dev.tokenmeter.client.stack;

import static org.awaitility.Awaitility.await;

import dev.tokenmeter.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A service of this repository run from its executable jar as a child process, the way
 * {@code deploy/local/start} runs it: configured by environment variables, ready once
 * {@code /actuator/health/readiness} answers UP on its management port. Its output goes to
 * {@code target/it-logs/<module>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String module;
    private final Process process;
    private final Path log;

    private ServiceProcess(String module, Process process, Path log) {
        this.module = module;
        this.process = process;
        this.log = log;
    }

    /** @param managementPort where {@code env} puts the service's actuator */
    static ServiceProcess start(Path repo, String module, int managementPort, Map<String, String> env) {
        Path jar = jar(repo, module);
        Path log = Path.of("target", "it-logs", module + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            ServiceProcess service = new ServiceProcess(module, builder.start(), log);
            service.awaitReady(managementPort);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + jar, e);
        }
    }

    private void awaitReady(int managementPort) {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            await(module + " readiness (log: " + log + ")").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
                        }
                        HttpResponse<String> answer = HTTP.send(readiness, HttpResponse.BodyHandlers.ofString());
                        return answer.statusCode() == 200 && answer.body().contains("\"status\":\"UP\"");
                    });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The newest {@code <module>/target/<module>-*.jar}: the Spring Boot executable jar. */
    private static Path jar(Path repo, String module) {
        Path target = repo.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*\\.jar"))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException(target + "/" + module + "-*.jar is missing: build it first ("
                            + "./mvnw -pl " + module + " -am package -DskipTests; a full ./mvnw verify builds it before this module)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the service gracefully (SIGTERM), forcibly after 30 s. */
    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(30));
    }
}
