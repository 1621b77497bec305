package dev.tokenmeter.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Spring Boot service of this repository, run from its executable jar as a child process.
 *
 * @param id             log file {@code logs/<id>.log}, pid file {@code run/<id>.pid}
 * @param displayName    what the terminal calls it, e.g. "Ingest service"
 * @param module         the Maven module whose {@code target/<module>-*.jar} runs
 * @param port           its public HTTP port (the API)
 * @param managementPort its actuator port, on loopback; ready once {@code /actuator/health/readiness} answers UP there
 * @param env            its configuration, as environment variables (which must put the management port on
 *                       {@code managementPort})
 * @param heap           its maximum heap, e.g. {@code 768m}
 */
public record BootService(String id, String displayName, String module, int port, int managementPort, Map<String, String> env,
        String heap) {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Spawns the service (registered with {@code components} at once) and waits for readiness. */
    public ChildProcess start(Path repo, DataDir dataDir, Components components) throws StartupException {
        return start(repo, dataDir, components, List.of());
    }

    /**
     * Spawns the service with {@code loaderPath} (jars or directories) added to its classpath through Spring Boot's
     * {@code PropertiesLauncher} ({@code -Dloader.path}), and waits for readiness: how tests add classes of their own
     * (fault hooks) to a real service process. With none, the jar runs as {@code java -jar}.
     */
    public ChildProcess start(Path repo, DataDir dataDir, Components components, List<Path> loaderPath) throws StartupException {
        Path jar = privateCopy(jar(repo), dataDir.run().resolve(module + ".jar"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                // Names the data directory on the command line, so a later start recognises a leftover.
                "-Dtokenmeter.dataDir=" + dataDir.root()));
        if (loaderPath.isEmpty()) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.add("-Dloader.path=" + String.join(",", loaderPath.stream().map(Path::toString).toList()));
            command.addAll(List.of("-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"));
        }
        ChildProcess child = components.start(() -> ChildProcess.spawn(displayName, command, env,
                dataDir.logs().resolve(id + ".log"), dataDir.run().resolve(id + ".pid"), Duration.ofSeconds(60)));
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        child.awaitReady(() -> {
            HttpResponse<String> response = HTTP.send(readiness, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        }, READY_TIMEOUT);
        return child;
    }

    /**
     * Copies the jar into the data directory and answers the copy. A rebuild rewrites the jar in
     * {@code target/} in place, which breaks a JVM still loading classes from it; the copy is
     * replaced by an atomic rename only, on the next start, so a running service keeps its own file.
     */
    private static Path privateCopy(Path jar, Path copy) throws StartupException {
        try {
            Files.createDirectories(copy.getParent());
            Path partial = Files.createTempFile(copy.getParent(), copy.getFileName().toString(), ".partial");
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return copy;
        } catch (IOException e) {
            throw new StartupException("Cannot copy " + jar + " to " + copy + ": " + e, e);
        }
    }

    /** The newest {@code <module>/target/<module>-*.jar}. */
    Path jar(Path repo) throws StartupException {
        Path target = repo.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().startsWith(module + "-"))
                    .filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new StartupException(
                            module + "/target/" + module + "-*.jar is missing. Build it with\n  ./mvnw -DskipTests -pl "
                                    + module + ",deploy -am package\n(deploy/local/start builds it when you run the script itself)."));
        } catch (IOException e) {
            throw new StartupException("Cannot look for the " + module + " jar in " + target + ": " + e, e);
        }
    }
}
