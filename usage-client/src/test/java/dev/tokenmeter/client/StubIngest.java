package dev.tokenmeter.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A stand-in for the ingest endpoint that records requests and answers as a test tells it to. */
final class StubIngest implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(String authorization, JsonNode body) {
    }

    record Answer(int status, String body) {

        static Answer accepted(int count) {
            return new Answer(202, "{\"accepted\":" + count + "}");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Answer> answers = request -> Answer.accepted(request.body().size());

    StubIngest() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/api/v1/events", exchange -> {
            Request request = new Request(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    JSON.readTree(exchange.getRequestBody().readAllBytes()));
            requests.add(request);
            Answer answer = answers.apply(request);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    answer.status() == 202 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(Function<Request, Answer> answers) {
        this.answers = answers;
    }

    List<Request> requests() {
        return requests;
    }

    /** Every event id received, in order, re-sent ones included. */
    List<String> receivedIds() {
        return requests.stream()
                .flatMap(request -> StreamSupport.stream(request.body().spliterator(), false))
                .map(event -> event.path("id").stringValue())
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
