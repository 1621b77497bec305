package dev.tokenmeter.client.stack;

import dev.tokenmeter.process.Processes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** The clients' and examples' own commands (npm, node, python), run against the stack with their output in a log. */
public final class Commands {

    private Commands() {
    }

    /** A directory of the repository: {@code clients}, {@code examples}. */
    public static Path repo(String directory) {
        return Path.of(System.getProperty("tokenmeter.repo", "..")).resolve(directory).toAbsolutePath().normalize();
    }

    /**
     * Runs {@code command} in {@code directory}, its output to {@code log}, and answers the output; fails when it
     * cannot start (saying what it {@code needs}), outlives {@code limit} or exits non-zero.
     */
    public static String run(Path directory, Path log, Duration limit, String needs,
            Consumer<Map<String, String>> environment, String... command) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        environment.accept(builder.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command[0] + ": " + needs, e);
        }
        if (!Processes.awaitOrKill(process, limit)) {
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit.toMinutes()
                    + " minutes; see " + log);
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(String.join(" ", command) + " exit code; output:%n%s", output).isZero();
        return output;
    }
}
