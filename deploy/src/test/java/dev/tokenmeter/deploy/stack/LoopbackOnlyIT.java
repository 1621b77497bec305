package dev.tokenmeter.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.deploy.files.DeployFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The local stack ({@code deploy/local/start --no-demo}, on free ports) keeps to the machine, as its
 * README says: every TCP port its own processes (launcher, Kafka, both services, PostgreSQL) listen on
 * is bound to a loopback address (127.0.0.1 or ::1), none to every interface, and that covers each port
 * it was given, the services' management ports included. Read from {@code /proc}, so Linux only.
 */
class LoopbackOnlyIT {

    @Test
    void everyPortTheStackListensOnIsBoundToLoopbackOnly() throws Exception {
        Path work = DeployFiles.module().resolve("target/loopback-it/" + System.currentTimeMillis());
        try (LocalStackProcess stack = LocalStackProcess.start(work.resolve("stack"), Map.of(), Duration.ofSeconds(240))) {
            List<ListeningSockets.Listener> listeners = ListeningSockets.of(stack.pids());

            assertThat(listeners).as("sockets the stack listens on").isNotEmpty()
                    .allSatisfy(l -> assertThat(l.address().isLoopbackAddress()).as(l + " is loopback").isTrue());
            Set<Integer> listening = listeners.stream().map(ListeningSockets.Listener::port).collect(Collectors.toSet());
            assertThat(listening).as("the stack's ports, each on loopback").containsAll(stack.ports().values());
        }
    }

    @Test
    void procAddressesAreDecodedWordByWord() throws Exception {
        assertThat(ListeningSockets.address("0100007F").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.address("00000000").getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(ListeningSockets.address("00000000000000000000000001000000").getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.address("00000000000000000000000000000000").isAnyLocalAddress()).isTrue();
    }
}
