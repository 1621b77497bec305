package dev.tokenmeter.query.rules;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP listener on loopback that records every webhook it gets and answers 200. */
final class Hooks implements AutoCloseable {

    record Hook(String path, String delivery, String signature, String body) {
    }

    private final HttpServer server;
    private final List<Hook> received = new CopyOnWriteArrayList<>();

    Hooks() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Hook> at(String path) {
        return received.stream().filter(h -> h.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String signature = exchange.getRequestHeaders().getFirst("X-Tokenmeter-Signature");
        received.add(
                new Hook(exchange.getRequestURI().getPath(), String.valueOf(exchange.getRequestHeaders().getFirst("X-Tokenmeter-Delivery")),
                        signature == null ? "" : signature, body));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
