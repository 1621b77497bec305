package dev.tokenmeter.deploy;

import static dev.tokenmeter.deploy.Faults.freePort;
import static dev.tokenmeter.deploy.Faults.kill;
import static dev.tokenmeter.deploy.files.DeployFiles.repository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query service killed with SIGKILL (a real process, started from its jar as the launcher does,
 * on a real PostgreSQL) in the middle of its background work, then started again: while a usage rule's
 * evaluation waits inside its transaction, while a digest's webhook request is with the receiver (the
 * documented window where a receiver accepted a delivery the service had not recorded yet), and while a
 * re-pricing job is between two days. Afterwards the rule's notice arrives once, the digest at most twice
 * with one {@code X-Tokenmeter-Delivery} id, and the job finishes with exact totals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryFaultsIT {

    static final String OPERATOR = "operator-key-of-the-query-fault-tests-0000";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Components components = new Components();
    final WebhookReceiver receiver = new WebhookReceiver();
    DataDir dataDir;
    Ports ports;
    LocalPostgres postgres;
    BootService service;
    ChildProcess query;

    QueryFaultsIT() throws IOException {
    }

    @BeforeAll
    void startStack() throws Exception {
        dataDir = DataDir.open(Path.of("target", "query-faults").toAbsolutePath(), true);
        Files.createDirectories(dataDir.conf());
        ports = new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        postgres = components.start(() -> LocalPostgres.start(dataDir, ports.postgres()));
        BootService base = Services.query(ports, Options.LOOPBACK, postgres,
                new Keys(OPERATOR, false, "ingest-key-of-the-query-fault-tests", "viewer", "viewer-id"), freePort());
        Map<String, String> env = new HashMap<>(base.env());
        // Short steps, so that each fault and its recovery take seconds: every background loop runs often,
        // a delivery claimed by the killed instance is tried again 15 s after its claim, a job whose runner
        // died is taken over 5 s after its last heartbeat.
        env.put("SPRING_APPLICATION_JSON", """
                {"tokenmeter":{"budgets":{"evaluation-interval":"1h"},
                 "rules":{"evaluation-interval":"1s"},
                 "alerts":{"delivery":{"poll-interval":"200ms","timeout":"10s","claim-timeout":"15s","first-retry-delay":"1s"}},
                 "query":{"repricing":{"poll":"1s","heartbeat":"1s","stale-after":"5s"}}}}""");
        service = new BootService(base.id(), base.displayName(), base.module(), base.port(), base.managementPort(), Map.copyOf(env),
                base.heap());
        query = service.start(repository(), dataDir, components);
    }

    @AfterAll
    void stopStack() throws IOException {
        receiver.close();
        components.stopAll();
        if (dataDir != null) {
            dataDir.close();
        }
    }

    @Test
    @Order(1)
    void ruleNoticeIsNotLostWhenTheServiceIsKilledInTheMiddleOfTheEvaluationThatRaisesIt() throws Exception {
        String admin = key("faults-rule");
        String rule = create("rules", admin, """
                {"name": "Errors", "window": "15m", "measure": "errorRate", "threshold": 0.1, "clearThreshold": 0.05,
                 "channels": [{"url": "%s", "secret": "0123456789abcdef0123"}]}""".formatted(receiver.url("/rule")));
        // The rule's state row, quiet, as its first evaluation leaves it (made here should none have run yet).
        execute("INSERT INTO alert_rule_state (rule_id, firing, evaluated_at) VALUES (?, false, now()) ON CONFLICT (rule_id) DO NOTHING",
                rule);

        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            // Holds the state row: each evaluation measures, then waits for it inside its transaction (5 s at most,
            // the lock timeout). The one to kill began its transaction after the errors were stored: it fires.
            query(holder, "SELECT firing FROM alert_rule_state WHERE rule_id = ? FOR UPDATE", rule);
            addEvents("faults-rule", Instant.now().minus(Duration.ofMinutes(3)), 10, Duration.ofSeconds(10),
                    i -> i % 2 == 0 ? "error" : "success", "provider", "0.01");
            Instant stored = databaseNow().plusMillis(500);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> waiting("%FROM alert_rule_state WHERE rule_id%FOR UPDATE%", stored) > 0);
            kill(query.pid(), "KILL");
            holder.rollback();
        }
        assertThat(count("SELECT count(*) FROM alert_rule_notice WHERE rule_id = ?", rule)).as("notices before the restart").isZero();
        query = service.start(repository(), dataDir, components);

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.at("/rule").size() >= 1);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/rule").size() == 1);
        JsonNode fired = JSON.readTree(receiver.at("/rule").get(0).body());
        assertThat(fired.get("type").stringValue()).isEqualTo("rule.fired");
        assertThat(fired.get("value").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(count("SELECT count(*) FROM alert_rule_notice WHERE rule_id = ?", rule)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void digestArrivesOnceOrTwiceWithOneDeliveryIdWhenTheServiceIsKilledWhileTheReceiverHoldsIt() throws Exception {
        String admin = key("faults-digest");
        // Yesterday's traffic, which the digest reports.
        addEvents("faults-digest", Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(12)), 20, Duration.ofMinutes(1),
                i -> "success", "provider", "0.25");
        receiver.holdNext("/digest");
        String at = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).format(DateTimeFormatter.ofPattern("HH:mm"));
        String digest = create("digests", admin, """
                {"name": "Daily", "cadence": "daily", "at": "%s", "tz": "UTC", "channels": [{"url": "%s", "format": "slack"}]}"""
                .formatted(at, receiver.url("/digest")));
        // Made an hour ago, so that today's send time (this minute, already begun) is due now.
        execute("UPDATE alert_rule SET created_at = created_at - interval '1 hour' WHERE id = ?", digest);

        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.held());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the digest was not sent; evaluating it now answers "
                    + send("POST", "/api/v1/digests/" + digest + "/evaluate", admin, null), e);
        }
        kill(query.pid(), "KILL");
        receiver.release();
        String delivery = receiver.at("/digest").get(0).delivery();
        assertThat(delivery).startsWith("dlv_");
        query = service.start(repository(), dataDir, components);

        await().atMost(Duration.ofSeconds(90)).until(() -> state("digests", digest, admin).equals("delivered"));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/digest").size() <= 2);
        assertThat(receiver.at("/digest")).hasSizeBetween(1, 2).allSatisfy(request -> {
            assertThat(request.delivery()).isEqualTo(delivery);
            assertThat(JSON.readTree(request.body()).get("text").stringValue()).contains("Daily");
        });
        assertThat(count("SELECT count(*) FROM alert_rule_notice WHERE rule_id = ?", digest)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void repricingJobKilledBetweenTwoDaysIsTakenOverAfterTheRestartAndEndsWithExactTotals() throws Exception {
        String tenant = "faults-reprice";
        String admin = key(tenant);
        Instant first = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(8));
        int days = 6;
        int perDay = 300;
        for (int day = 0; day < days; day++) {
            addEvents(tenant, first.plus(Duration.ofDays(day)), perDay, Duration.ofMinutes(4), i -> "success", "catalog", "0.5");
        }
        // Tokens 1000 in and 500 out at $1 and $2 per million: $0.002 an event.
        send("PUT", "/api/v1/prices", admin, """
                {"provider":"openai","model":"gpt-4o-mini","effectiveFrom":"%s","input":1,"output":2}"""
                .formatted(first.minus(Duration.ofDays(30))));

        String job;
        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            // Holds the third day's events: days one and two commit, the third waits inside its transaction.
            Instant third = first.plus(Duration.ofDays(2));
            query(holder, "SELECT id FROM usage_event WHERE tenant = ? AND event_time >= ? AND event_time < ? FOR UPDATE", tenant,
                    third, third.plus(Duration.ofDays(1)));
            job = JSON.readTree(send("POST", "/api/v1/prices/reprice", admin, """
                    {"from": "%s", "to": "%s"}""".formatted(first, first.plus(Duration.ofDays(days))))).get("id").stringValue();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> waiting("UPDATE usage_event%", Instant.EPOCH) > 0);
            kill(query.pid(), "KILL");
            holder.rollback();
        }
        assertThat(count("SELECT days_done FROM pricing_job WHERE id = ?", job)).as("days done when killed").isEqualTo(2);
        assertThat(text("SELECT state FROM pricing_job WHERE id = ?", job)).isEqualTo("running");
        query = service.start(repository(), dataDir, components);

        await().atMost(Duration.ofSeconds(120)).until(() -> text("SELECT state FROM pricing_job WHERE id = ?", job).equals("done"));
        assertThat(count("SELECT days_done FROM pricing_job WHERE id = ?", job)).isEqualTo(days);
        long events = (long) days * perDay;
        BigDecimal expected = new BigDecimal("0.002").multiply(BigDecimal.valueOf(events));
        assertThat(count("SELECT count(*) FROM usage_event WHERE tenant = ? AND cost_source = 'override'", tenant)).isEqualTo(events);
        assertThat(sum("SELECT sum(cost_usd) FROM usage_event WHERE tenant = ?", tenant)).isEqualByComparingTo(expected);
        for (String table : List.of("usage_rollup_15m", "usage_rollup_1h", "usage_rollup_1d")) {
            assertThat(sum("SELECT sum(cost_usd) FROM " + table + " WHERE tenant = ?", tenant)).as(table).isEqualByComparingTo(expected);
            assertThat(count("SELECT sum(requests) FROM " + table + " WHERE tenant = ?", tenant)).as(table).isEqualTo(events);
        }
        for (String table : List.of("usage_dim_rollup_15m", "usage_dim_rollup_1h", "usage_dim_rollup_1d")) {
            assertThat(sum("SELECT sum(cost_usd) FROM " + table + " WHERE dim = '' AND tenant = ?", tenant)).as(table)
                    .isEqualByComparingTo(expected);
        }
    }

    interface Status {
        String of(int index);
    }

    /** Stores events as ingest would have (raw rows, then the rollups of their days rebuilt): 1000 in and 500 out tokens each. */
    private void addEvents(String tenant, Instant start, int count, Duration step, Status status, String costSource, String usd)
            throws SQLException {
        Instant from = start.truncatedTo(ChronoUnit.DAYS);
        Instant to = start.plus(step.multipliedBy(count)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        try (Connection connection = connect()) {
            query(connection, "SELECT ensure_usage_event_partitions(?, ?)", from, to);
            try (var insert = connection.prepareStatement("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, status, latency_ms,
                        input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                        cost_usd, priced, cost_source)
                    VALUES (?, ?, ?, 'openai', 'gpt-4o-mini', 'chat.completions', 'p', ?, 300, 1000, 0, 0, 500, 0, ?, true, ?)""")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, tenant);
                    insert.setString(2, tenant + "-" + start.toEpochMilli() + "-" + i);
                    insert.setTimestamp(3, Timestamp.from(start.plus(step.multipliedBy(i))));
                    insert.setString(4, status.of(i));
                    insert.setBigDecimal(5, new BigDecimal(usd));
                    insert.setString(6, costSource);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            query(connection, "SELECT rebuild_usage_rollups(?, ?)", from, to);
        }
    }

    /** Backends waiting for a lock in a statement matching {@code like}, in a transaction begun after {@code since}. */
    private long waiting(String like, Instant since) throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE ? AND xact_start > ?", like,
                since);
    }

    private Instant databaseNow() throws SQLException {
        return first("SELECT clock_timestamp()", new Object[0], rows -> rows.getTimestamp(1).toInstant());
    }

    /** The state of the delivery of a rule's (only) notice, as the API shows it. */
    private String state(String collection, String id, String key) throws Exception {
        JsonNode items = JSON.readTree(send("GET", "/api/v1/" + collection + "/" + id + "/notices", key, null)).get("items");
        return items.isEmpty() ? "" : items.get(0).get("deliveries").get(0).get("state").stringValue();
    }

    private String key(String tenant) throws Exception {
        return JSON.readTree(send("POST", "/api/v1/keys", OPERATOR, """
                {"tenant": "%s", "role": "admin", "name": "faults"}""".formatted(tenant))).get("secret").stringValue();
    }

    private String create(String collection, String key, String body) throws Exception {
        return JSON.readTree(send("POST", "/api/v1/" + collection, key, body)).get("id").stringValue();
    }

    /** One call to the query API; answers its body, which must come with a 2xx status. */
    private String send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.query() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
        request = body == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " answered " + response.body()).isBetween(200, 299);
        return response.body();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); var statement = prepare(connection, sql, parameters)) {
            statement.execute();
        }
    }

    private static void query(Connection connection, String sql, Object... parameters) throws SQLException {
        try (var statement = prepare(connection, sql, parameters); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                // reading every row takes every row lock a FOR UPDATE asks for
            }
        }
    }

    private long count(String sql, Object... parameters) throws SQLException {
        return first(sql, parameters, rows -> rows.getLong(1));
    }

    private BigDecimal sum(String sql, Object... parameters) throws SQLException {
        return first(sql, parameters, rows -> rows.getBigDecimal(1));
    }

    private String text(String sql, Object... parameters) throws SQLException {
        return first(sql, parameters, rows -> rows.getString(1));
    }

    interface Column<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T first(String sql, Object[] parameters, Column<T> column) throws SQLException {
        try (Connection connection = connect();
                var statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).as(sql).isTrue();
            return column.read(rows);
        }
    }

    private static java.sql.PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        var statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }
}
