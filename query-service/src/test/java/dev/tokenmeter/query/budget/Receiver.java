package dev.tokenmeter.query.budget;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP listener for webhooks: records every request, answers 200, or 500 for the first N requests
 * to a path, or a redirect for a path told to redirect.
 */
final class Receiver implements AutoCloseable {

    record Received(String path, String signature, String timestamp, String contentType, String body, Instant at, String delivery) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();

    private Receiver(HttpServer server) {
        this.server = server;
    }

    static Receiver start() {
        return start(0);
    }

    /** A listener on a given port (0: any free one), e.g. one that comes back where it was down. */
    static Receiver start(int port) {
        try {
            Receiver receiver = new Receiver(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
            receiver.server.createContext("/", receiver::handle);
            receiver.server.setExecutor(receiver.executor);
            receiver.server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The first {@code n} requests to the path get a 500. */
    void failFirst(String path, int n) {
        failures.put(path, new AtomicInteger(n));
    }

    /** Requests to the path get {@code 302 Found} with this {@code Location}. */
    void redirect(String path, String location) {
        redirects.put(path, location);
    }

    /** A free port on loopback, where nothing listens until a receiver is started on it. */
    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every request received, whatever its path. */
    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            var headers = exchange.getRequestHeaders();
            received.add(new Received(path, headers.getFirst(Signature.SIGNATURE_HEADER), headers.getFirst(Signature.TIMESTAMP_HEADER),
                    headers.getFirst("Content-Type"), body, Instant.now(),
                    headers.getFirst("X-Tokenmeter-Delivery")));
            String location = redirects.get(path);
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            AtomicInteger failing = failures.get(path);
            int status = failing != null && failing.getAndDecrement() > 0 ? 500 : 200;
            byte[] answer = (status == 200 ? "ok" : "temporarily broken").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** The signature header a delivery signed with the secret carries: HMAC-SHA256 of the data, computed here independently. */
    static String signature(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
