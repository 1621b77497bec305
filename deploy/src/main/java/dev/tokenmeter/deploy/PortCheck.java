package dev.tokenmeter.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Fails early, with what to do, when a port the stack needs is taken. */
final class PortCheck {

    private PortCheck() {
    }

    /**
     * @param what     e.g. "Kafka"
     * @param variable the environment variable choosing this port
     */
    static void requireFree(int port, String what, String variable) throws StartupException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupException("Port " + port + " (" + what + ") is already in use by another program.\n"
                    + "Stop that program (is another Tokenmeter running? `ss -ltnp | grep " + port + "` shows who), "
                    + "or choose another port:\n  " + variable + "=" + (port + 100) + " deploy/local/start");
        }
    }
}
