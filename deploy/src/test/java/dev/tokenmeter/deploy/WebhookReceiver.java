package dev.tokenmeter.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A webhook receiver on loopback that records every request (path, {@code X-Tokenmeter-Delivery}, body)
 * and answers 200; it can hold one request unanswered, so that a test can kill the sender while the
 * receiver has accepted a delivery the sender has not recorded yet.
 */
final class WebhookReceiver implements AutoCloseable {

    record Request(String path, String delivery, String body) {
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> holdPath = new AtomicReference<>("");
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean holding;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next request to {@code path} is recorded, then left unanswered until {@link #release()}. */
    void holdNext(String path) {
        holdPath.set(path);
    }

    /** Whether the held request has come (and waits). */
    boolean held() {
        return holding;
    }

    void release() {
        released.countDown();
    }

    List<Request> at(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Request(path, String.valueOf(exchange.getRequestHeaders().getFirst("X-Tokenmeter-Delivery")), body));
            // compareAndSet compares references: take the held path itself, so a request's equal path (a new String) matches.
            String hold = holdPath.get();
            if (hold.equals(path) && holdPath.compareAndSet(hold, "")) {
                holding = true;
                released.await(120, TimeUnit.SECONDS);
            }
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender is gone (killed while this request was held)
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
