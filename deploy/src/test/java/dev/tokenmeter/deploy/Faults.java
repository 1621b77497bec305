package dev.tokenmeter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

/** What the tests on real processes share: signals and free ports. */
public final class Faults {

    private Faults() {
    }

    /** Sends {@code signal} (KILL, STOP, CONT ...) to a process, as {@code kill -SIGNAL pid} does. */
    public static void kill(long pid, String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        assertThat(exit).as("kill -%s %d", signal, pid).isZero();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
