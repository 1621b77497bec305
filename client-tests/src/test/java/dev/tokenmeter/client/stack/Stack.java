package dev.tokenmeter.client.stack;

import static org.awaitility.Awaitility.await;

import dev.tokenmeter.testsupport.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product as a publisher meets it: PostgreSQL (the shared test server), a Kafka broker
 * reached through a {@link TcpProxy}, and the real ingest and query services run from their jars.
 * Test classes get it with {@code @ExtendWith(StackExtension.class)}: one per test run, started on
 * first use and stopped after the last test.
 */
public final class Stack implements AutoCloseable {

    /** Tenants with an ingest key each; the key's secret is {@code <tenant>-key}. */
    public static final String[] TENANTS = {"java-kafka", "java-http", "python-example", "ts-example", "python-client", "ts-client",
            "shell-example", "java-example"};

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ProxiedKafka kafka;
    private final String jdbcUrl;
    private final int ingestPort;
    private final int queryPort;
    private final String operatorKey = "operator-" + UUID.randomUUID();
    private final List<AutoCloseable> parts = new ArrayList<>();

    private Stack(ProxiedKafka kafka, String jdbcUrl, int ingestPort, int queryPort) {
        this.kafka = kafka;
        this.jdbcUrl = jdbcUrl;
        this.ingestPort = ingestPort;
        this.queryPort = queryPort;
    }

    static Stack start() {
        Infrastructure infrastructure = Infrastructure.shared();
        String database = infrastructure.createDatabase("usage_client");
        ProxiedKafka kafka;
        try {
            kafka = new ProxiedKafka();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the proxied Kafka broker", e);
        }
        Stack stack = new Stack(kafka, infrastructure.jdbcUrl(database), freePort(), freePort());
        Path repo = Path.of(System.getProperty("tokenmeter.repo", "..")).toAbsolutePath().normalize();
        Map<String, String> db = Map.of(
                "TOKENMETER_R2DBC_URL", infrastructure.r2dbcUrl(database),
                "TOKENMETER_JDBC_URL", stack.jdbcUrl,
                "TOKENMETER_DB_USER", infrastructure.username(),
                "TOKENMETER_DB_PASSWORD", infrastructure.password());
        Map<String, String> ingestEnv = new HashMap<>(db);
        ingestEnv.put("TOKENMETER_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        ingestEnv.put("TOKENMETER_INGEST_PORT", Integer.toString(stack.ingestPort));
        int ingestManagementPort = freePort();
        ingestEnv.put("TOKENMETER_INGEST_MANAGEMENT_PORT", Integer.toString(ingestManagementPort));
        ingestEnv.put("TOKENMETER_INGEST_KEYS", java.util.Arrays.stream(TENANTS)
                .map(tenant -> tenant + ":" + ingestKey(tenant)).collect(Collectors.joining(",")));
        stack.parts.add(kafka);
        try {
            stack.parts.add(ServiceProcess.start(repo, "ingest-service", ingestManagementPort, ingestEnv));
            Map<String, String> queryEnv = new HashMap<>(db);
            queryEnv.put("TOKENMETER_QUERY_PORT", Integer.toString(stack.queryPort));
            int queryManagementPort = freePort();
            queryEnv.put("TOKENMETER_QUERY_MANAGEMENT_PORT", Integer.toString(queryManagementPort));
            queryEnv.put("TOKENMETER_OPERATOR_KEY", stack.operatorKey);
            stack.parts.add(ServiceProcess.start(repo, "query-service", queryManagementPort, queryEnv));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Stops the services, then the broker (the shared PostgreSQL stays for other tests). */
    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop " + parts.get(i), e);
            }
        }
        parts.clear();
    }

    public static String ingestKey(String tenant) {
        return tenant + "-key";
    }

    public ProxiedKafka kafka() {
        return kafka;
    }

    public URI ingestUrl() {
        return URI.create("http://localhost:" + ingestPort);
    }

    public URI queryUrl() {
        return URI.create("http://localhost:" + queryPort);
    }

    /** The operator key of the query service: reads any tenant by naming it. */
    public String operatorKey() {
        return operatorKey;
    }

    /** {@code GET /api/v1/usage/summary?tenant=<tenant>&range=all} with the operator key. */
    public JsonNode summary(String tenant) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + queryPort
                + "/api/v1/usage/summary?range=all&tenant=" + tenant))
                .header("Authorization", "Bearer " + operatorKey)
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("summary answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the summary's {@code requests} of the tenant reach {@code expected}, and answers the summary. */
    public JsonNode awaitRequests(String tenant, long expected) {
        await(tenant + " requests in the summary").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> summary(tenant).path("requests").longValue() >= expected);
        return summary(tenant);
    }

    /** Stored events of a tenant, read from PostgreSQL directly. */
    public long storedEvents(String tenant) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, Infrastructure.shared().username(),
                Infrastructure.shared().password());
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM usage_event WHERE tenant = ?")) {
            count.setString(1, tenant);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
