package dev.tokenmeter.deploy.files;

import dev.tokenmeter.process.Processes;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The external programs the deploy tests need (promtool, prometheus from the Debian package
 * {@code prometheus}). A missing one fails the test, never skips it: CI must not go green having
 * checked nothing.
 */
public final class Tools {

    public static final String INSTALL_HINT = "Run deploy/scripts/install-test-tools.sh (installs the Debian package prometheus; "
            + ".ci/run does this before ./mvnw).";

    private Tools() {
    }

    /** The executable on PATH, or a failed test saying how to install it. */
    public static Path require(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(name + " is not installed (not on PATH). " + INSTALL_HINT);
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a command to its end in {@code workDir}; fails the test if it takes longer than {@code timeout}. */
    public static Result run(Path workDir, Duration timeout, List<String> command) {
        try {
            Path output = Files.createTempFile("tool", ".out");
            try {
                Process process = new ProcessBuilder(new ArrayList<>(command))
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                if (!Processes.awaitOrKill(process, timeout)) {
                    return fail(String.join(" ", command) + (Thread.currentThread().isInterrupted()
                            ? " was interrupted"
                            : " did not finish within " + timeout.toSeconds() + " s"));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return fail("Could not run " + String.join(" ", command) + ": " + e);
        }
    }
}
