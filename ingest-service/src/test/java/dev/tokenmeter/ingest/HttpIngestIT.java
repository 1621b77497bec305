package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/events} against the real broker and database, through a real HTTP server:
 * authentication, per-item errors, limits, and what ends up stored; plus the service's metrics and
 * readiness endpoints, which only the management port serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithIngestHarness
class HttpIngestIT {

    static final IngestHarness harness = IngestHarness.of(HttpIngestIT.class);
    static final String TENANT = "acme";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    WebTestClient client;
    WebTestClient management;
    final TestEvents events = new TestEvents(21);

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    @Test
    void aBatchWithInvalidItemsIsRefusedPerItemWhileItsValidItemsAreAcceptedAndStored() throws Exception {
        ArrayNode batch = JSON.createArrayNode();
        batch.add(withoutTenant(events.event(TENANT, "mixed-0")));
        ObjectNode missingProvider = withoutTenant(events.event(TENANT, "mixed-1"));
        missingProvider.remove("provider");
        batch.add(missingProvider);
        batch.add(withoutTenant(events.event(TENANT, "mixed-2")));
        ObjectNode moreCachedThanInput = withoutTenant(events.event(TENANT, "mixed-3"));
        ((ObjectNode) moreCachedThanInput.get("usage")).put("inputTokens", 10).put("cachedInputTokens", 11)
                .put("cacheWriteTokens", 0);
        batch.add(moreCachedThanInput);
        batch.add(withoutTenant(events.event(TENANT, "mixed-4")));

        JsonNode problem = problem(post(batch.toString(), authorized()), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("accepted").asInt()).isEqualTo(3);
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.get("errors").valueStream()
                .map(e -> e.get("index").asInt() + " " + e.get("id").asString() + " " + e.get("reason").asString()))
                .containsExactly("1 mixed-1 schema_violation", "3 mixed-3 inconsistent_usage");
        JsonNode missing = problem.get("errors").get(0).get("violations");
        assertThat(missing).as(problem.toString()).hasSize(1);
        assertThat(missing.get(0).get("field").asString()).isEqualTo("provider");
        assertThat(missing.get(0).get("reason").asString()).isEqualTo("schema_violation");
        assertThat(missing.get(0).get("message").asString()).isNotBlank();
        JsonNode inconsistent = problem.get("errors").get(1).get("violations");
        assertThat(inconsistent).as(problem.toString()).hasSize(1);
        assertThat(inconsistent.get(0).get("field").asString()).isEqualTo("usage.cachedInputTokens");
        assertThat(inconsistent.get(0).get("reason").asString()).isEqualTo("inconsistent_usage");

        harness.awaitConsumed();
        assertThat(storedIds("mixed-%")).containsExactlyInAnyOrder("mixed-0", "mixed-2", "mixed-4");
        assertRollupsMatch();
    }

    @Test
    void anAllValidBatchIsAcceptedWith202AndStored() throws Exception {
        ArrayNode batch = JSON.createArrayNode();
        IntStream.range(0, 25).forEach(i -> batch.add(JSON.readTree(events.event(TENANT, "batch-" + i))));

        post(batch.toString(), authorized())
                .expectStatus().isAccepted()
                .expectBody().json("{\"accepted\":25}", JsonCompareMode.STRICT);

        harness.awaitConsumed();
        assertThat(storedIds("batch-%")).hasSize(25);
        assertRollupsMatch();
    }

    @Test
    void aSingleEventObjectIsAcceptedWith202AndItsTenantFilledInFromTheKey() throws Exception {
        post(withoutTenant(events.event(TENANT, "single-0")).toString(), authorized())
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.accepted").isEqualTo(1);

        harness.awaitConsumed();
        assertThat(storedIds("single-%")).containsExactly("single-0");
        assertRollupsMatch();
    }

    @Test
    void anItemNamingAnotherTenantIsRefusedAsTenantMismatch() {
        String other = "[" + events.event("other-co", "foreign-0") + "]";

        JsonNode problem = problem(post(other, authorized()), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("accepted").asInt()).isZero();
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("index").asInt()).isZero();
        assertThat(problem.get("errors").get(0).get("id").asString()).isEqualTo("foreign-0");
        assertThat(problem.get("errors").get(0).get("reason").asString()).isEqualTo("tenant_mismatch");
        harness.awaitConsumed();
        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE id = 'foreign-0'")).isZero();
    }

    @Test
    void aRequestWithoutAnIngestKeyIsUnauthorized() {
        JsonNode problem = problem(post(events.event(TENANT, "anonymous-0"), headers -> {
        }), HttpStatus.UNAUTHORIZED);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asString()).contains("Bearer");
    }

    @Test
    void aRequestWithAWrongIngestKeyIsUnauthorized() {
        problem(post(events.event(TENANT, "wrong-0"), headers -> headers.setBearerAuth("not-" + IngestHarness.INGEST_KEY)),
                HttpStatus.UNAUTHORIZED);
        problem(post(events.event(TENANT, "wrong-1"), headers -> headers.set(HttpHeaders.AUTHORIZATION, IngestHarness.INGEST_KEY)),
                HttpStatus.UNAUTHORIZED);
    }

    @Test
    void ingestKeysIssuedInTheKeyStoreAreAcceptedUntilRevokedAndOtherRolesAreNot() throws Exception {
        String secret = "tm_stored-ingest-key-0123456789abcdef";
        String viewer = "tm_stored-viewer-key-0123456789abcdef";
        try (var connection = harness.connect();
                var insert = connection.prepareStatement(
                        "INSERT INTO api_key (id, tenant, role, name, secret_hash) VALUES (?, 'acme', ?, 'test', ?)")) {
            for (String[] key : new String[][] {{"key_00000000000000a1", "ingest", secret}, {"key_00000000000000a2", "viewer", viewer}}) {
                insert.setString(1, key[0]);
                insert.setString(2, key[1]);
                insert.setBytes(3, dev.tokenmeter.keys.SecretHash.of(key[2]));
                insert.executeUpdate();
            }
        }
        post(events.event(TENANT, "stored-key-0"), headers -> headers.setBearerAuth(secret)).expectStatus().isAccepted();
        problem(post(events.event(TENANT, "stored-key-1"), headers -> headers.setBearerAuth(viewer)), HttpStatus.UNAUTHORIZED);

        try (var connection = harness.connect();
                var revoke = connection.prepareStatement(
                        "UPDATE api_key SET revoked_at = now() WHERE id = 'key_00000000000000a1'")) {
            revoke.executeUpdate();
        }
        problem(post(events.event(TENANT, "stored-key-2"), headers -> headers.setBearerAuth(secret)), HttpStatus.UNAUTHORIZED);
        harness.awaitConsumed();
        assertThat(storedIds("stored-key-%")).containsExactly("stored-key-0");
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413AndNothingIsStored() {
        String body = largeValidBatch("large-");
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1024 * 1024);

        problem(post(body, authorized()), HttpStatus.CONTENT_TOO_LARGE);

        harness.awaitConsumed();
        assertThat(storedIds("large-%")).isEmpty();
    }

    @Test
    void aChunkedBodyOverOneMebibyteWithoutContentLengthIsRefusedWith413() {
        byte[] body = largeValidBatch("chunked-").getBytes(StandardCharsets.UTF_8);
        int chunk = 64 * 1024;
        Flux<DataBuffer> chunks = Flux.range(0, (body.length + chunk - 1) / chunk)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                        Arrays.copyOfRange(body, i * chunk, Math.min(body.length, (i + 1) * chunk))));

        var response = client.post().uri("/api/v1/events")
                .headers(authorized())
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange();

        problem(response, HttpStatus.CONTENT_TOO_LARGE);
        harness.awaitConsumed();
        assertThat(storedIds("chunked-%")).isEmpty();
    }

    @Test
    void aBatchOfMoreThanAThousandEventsIsRefusedNamingTheLimit() {
        ArrayNode batch = JSON.createArrayNode();
        IntStream.range(0, 1001).forEach(i -> batch.add(JSON.readTree(events.event(TENANT, "many-" + i))));

        JsonNode problem = problem(post(batch.toString(), authorized()), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains("1001").contains("1000");
        harness.awaitConsumed();
        assertThat(storedIds("many-%")).isEmpty();
    }

    @Test
    void aMalformedJsonBodyIsABadRequest() {
        JsonNode problem = problem(post("[{\"id\":\"broken-0\",", authorized()), HttpStatus.BAD_REQUEST);
        assertThat(problem.get("detail").asString()).contains("JSON");
    }

    @Test
    void aProviderCostWithEighteenSignificantDigitsIsStoredExactly() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(events.event(TENANT, "exact-0"));
        event.remove("costUsd");
        // 123456.123456789012 has more digits than a double holds: read as a double it would be stored as 123456.123456789010.
        String body = event.toString().replaceFirst("\\{", "{\"costUsd\":123456.123456789012,");
        post(body, authorized()).expectStatus().isAccepted();
        harness.awaitConsumed();
        try (var connection = harness.connect();
                var statement = connection.prepareStatement("SELECT cost_usd FROM usage_event WHERE id = 'exact-0'");
                var rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("123456.123456789012");
        }
    }

    @Test
    void aNumberPastJacksonsLimitsIsABadRequestNotAServerError() {
        for (String number : new String[] {"1e99999999999", "1e-99999999999"}) {
            JsonNode problem = problem(post("{\"id\":\"huge-0\",\"extra\":" + number + "}", authorized()), HttpStatus.BAD_REQUEST);
            assertThat(problem.get("detail").asString()).as(number).contains("not valid JSON");
        }
    }

    @Test
    void prometheusShowsTheIngestKafkaAndConnectionPoolMetricsAfterTraffic() {
        ArrayNode batch = JSON.createArrayNode();
        batch.add(JSON.readTree(events.event(TENANT, "metrics-0")));
        batch.add(JSON.readTree(events.event(TENANT, "metrics-1").replaceFirst("\"provider\":\"[^\"]*\",", "")));
        post(batch.toString(), authorized()).expectStatus().isBadRequest();
        harness.awaitConsumed();
        post(events.event(TENANT, "metrics-0"), authorized()).expectStatus().isAccepted(); // a redelivery
        harness.awaitConsumed();

        String metrics = management.get().uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics)
                .contains("ingest_events_received_total")
                .contains("ingest_events_persisted_total")
                .contains("ingest_events_duplicate_total")
                .contains("ingest_events_conflicting_total")
                .containsPattern("ingest_events_deadlettered_total\\{[^}]*reason=\"schema_violation\"")
                .containsPattern("ingest_batch_size\\w*_bucket\\{")
                .contains("ingest_batch_latency_seconds_bucket")
                .contains("ingest_events_delay_seconds_bucket")
                .containsPattern("ingest_http_events_total\\{[^}]*outcome=\"accepted\"")
                .containsPattern("ingest_http_events_total\\{[^}]*outcome=\"rejected\"")
                .containsPattern("kafka_consumer\\w*records_lag")
                .contains("r2dbc_pool");
        assertThat(metrics).containsPattern("ingest_events_duplicate_total\\{[^}]*\\} [1-9]");
    }

    @Test
    void readinessIsUpWithTheDatabaseAndKafkaComponents() {
        JsonNode health = JSON.readTree(management.get().uri("/actuator/health/readiness")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("r2dbc").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafka").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void actuatorAnswersOnTheManagementPortAndIsNotFoundOnThePublicPort() {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/actuator")) {
            client.get().uri(path).exchange().expectStatus().isNotFound();
            client.get().uri(path).headers(authorized()).exchange().expectStatus().isNotFound();
        }
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        JsonNode health = JSON.readTree(management.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(health.get("components")).as("health details, on the management port only").isNotNull();
    }

    private WebTestClient.ResponseSpec post(String body, Consumer<HttpHeaders> headers) {
        return client.post().uri("/api/v1/events")
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static Consumer<HttpHeaders> authorized() {
        return headers -> headers.setBearerAuth(IngestHarness.INGEST_KEY);
    }

    /** Asserts an RFC 9457 answer of the status and answers its body. */
    private static JsonNode problem(WebTestClient.ResponseSpec response, HttpStatus status) {
        String body = response
                .expectStatus().isEqualTo(status.value())
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("status").asInt()).as(body).isEqualTo(status.value());
        assertThat(problem.get("detail").asString()).as(body).isNotBlank();
        return problem;
    }

    private static ObjectNode withoutTenant(String event) {
        ObjectNode node = (ObjectNode) JSON.readTree(event);
        node.remove("tenant");
        return node;
    }

    /** An array of about 1.1 MiB of events, each valid and under the 64 KiB record limit. */
    private String largeValidBatch(String idPrefix) {
        ArrayNode batch = JSON.createArrayNode();
        String padding = "p".repeat(6 * 1024);
        IntStream.range(0, 190).forEach(i -> {
            ObjectNode event = (ObjectNode) JSON.readTree(events.event(TENANT, idPrefix + i));
            event.put("padding", padding);
            batch.add(event);
        });
        return batch.toString();
    }

    private List<String> storedIds(String idPattern) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = harness.connect();
                var statement = connection.prepareStatement("SELECT id FROM usage_event WHERE tenant = ? AND id LIKE ?")) {
            statement.setString(1, TENANT);
            statement.setString(2, idPattern);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static void assertRollupsMatch() throws Exception {
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of(TENANT));
        }
    }
}
