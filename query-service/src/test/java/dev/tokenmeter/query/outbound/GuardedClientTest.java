package dev.tokenmeter.query.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guarded client against a real listener on loopback, without the URL check in front of it. */
class GuardedClientTest {

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void listen() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aNameOrLiteralThatIsNotPublicIsNeverConnectedTo() {
        HostResolver dns = host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        OutboundGuard guard = new OutboundGuard(AllowList.of(List.of()), dns);
        int port = server.getAddress().getPort();
        for (String url : List.of("http://loopback.test:" + port + "/", "http://127.0.0.1:" + port + "/",
                "http://[::ffff:127.0.0.1]:" + port + "/")) {
            assertThatThrownBy(() -> guard.httpClient().get().uri(url).response().block(Duration.ofSeconds(10)))
                    .as(url)
                    .satisfies(e -> assertThat(OutboundGuard.describe(e)).isEqualTo(OutboundRefused.NON_PUBLIC));
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void anAllowListedNameIsConnectedToAtTheAddressItResolvedTo() {
        HostResolver dns = host -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        OutboundGuard guard = new OutboundGuard(AllowList.of(List.of("receiver.test")), dns);
        var response = guard.httpClient().get().uri("http://receiver.test:" + server.getAddress().getPort() + "/").response()
                .block(Duration.ofSeconds(10));
        assertThat(response.status().code()).isEqualTo(204);
        assertThat(requests).hasValue(1);
    }
}
