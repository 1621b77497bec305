package dev.tokenmeter.deploy;

import dev.tokenmeter.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stops processes that an earlier launcher of this data directory left running because it was
 * killed (SIGKILL, a crash) before it could stop them. A pid counts only while its command line
 * still names this data directory, so a recycled pid is never touched.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /** In stop order: the services, the broker, then PostgreSQL. */
    public static void stop(DataDir dataDir) {
        for (Path pidFile : pidFiles(dataDir.run())) {
            if (!pidFile.getFileName().toString().startsWith("kafka")) {
                stop(pidFile.getFileName().toString().replace(".pid", ""), pidFile, dataDir);
            }
        }
        for (Path pidFile : pidFiles(dataDir.run())) {
            if (pidFile.getFileName().toString().startsWith("kafka")) {
                stop("Kafka", pidFile, dataDir);
            }
        }
        stop("PostgreSQL", dataDir.postgres().resolve("postmaster.pid"), dataDir);
    }

    private static void stop(String name, Path pidFile, DataDir dataDir) {
        Optional<ProcessHandle> leftover = pid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(dataDir.root().toString())).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle process = leftover.get();
        Console.line("Stopping " + name + " left running by an earlier start (pid " + process.pid() + ") ...");
        Processes.stop(process, Duration.ofSeconds(60));
    }

    private static List<Path> pidFiles(Path run) {
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(run)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            // postmaster.pid holds the pid on its first line; our own pid files hold only the pid.
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
