package dev.tokenmeter.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.process.Processes.Stopped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

    @TempDir
    Path dir;

    @Test
    void aProcessThatHonoursSigtermEndsGracefullyAndRunsItsTrap() throws Exception {
        Path marker = dir.resolve("trapped");
        Process shell = start("trap 'echo bye > " + marker + "; exit 0' TERM; echo up; while true; do sleep 0.1; done");
        awaitUp(shell);

        assertThat(Processes.stop(shell, Duration.ofSeconds(20))).isEqualTo(Stopped.GRACEFULLY);
        assertThat(shell.isAlive()).isFalse();
        assertThat(Files.readString(marker)).isEqualTo("bye\n");
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledOnceTheGracePeriodIsOver() throws Exception {
        Process shell = start("trap '' TERM; echo up; while true; do sleep 0.1; done");
        awaitUp(shell);
        long start = System.nanoTime();

        assertThat(Processes.stop(shell, Duration.ofMillis(500))).isEqualTo(Stopped.KILLED);
        assertThat(shell.isAlive()).isFalse();
        assertThat(shell.exitValue()).isEqualTo(128 + 9);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void stoppingAProcessThatAlreadyEndedSendsNothing() throws Exception {
        Process shell = start("exit 3");
        shell.waitFor();

        assertThat(Processes.stop(shell, Duration.ofSeconds(1))).isEqualTo(Stopped.ALREADY_ENDED);
        assertThat(shell.exitValue()).isEqualTo(3);
    }

    @Test
    void killEndsAProcessAtOnceEvenWhenItIgnoresSigterm() throws Exception {
        Process shell = start("trap '' TERM; echo up; while true; do sleep 0.1; done");
        awaitUp(shell);

        assertThat(Processes.kill(shell.toHandle(), Duration.ofSeconds(10))).isTrue();
        assertThat(shell.exitValue()).isEqualTo(128 + 9);
    }

    @Test
    void aCommandThatEndsInTimeIsLeftAlone() throws Exception {
        Process shell = start("exit 4");

        assertThat(Processes.awaitOrKill(shell, Duration.ofSeconds(10))).isTrue();
        assertThat(shell.exitValue()).isEqualTo(4);
    }

    @Test
    void aCommandThatOutlivesItsLimitIsKilledWithWhatItStarted() throws Exception {
        Process shell = start("trap '' TERM; sleep 300 & echo up; wait");
        awaitUp(shell);
        ProcessHandle child = shell.descendants().findFirst().orElseThrow();

        assertThat(Processes.awaitOrKill(shell, Duration.ofMillis(300))).isFalse();
        assertThat(shell.isAlive()).isFalse();
        assertThat(Processes.await(child, Duration.ofSeconds(10))).as("the command's child is killed too").isTrue();
    }

    private static Process start(String script) throws IOException {
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    }

    /** Reads the child's first line, so its trap is installed before the test signals it. */
    private static void awaitUp(Process shell) throws IOException {
        byte[] up = shell.getInputStream().readNBytes(3);
        assertThat(new String(up)).isEqualTo("up\n");
    }
}
