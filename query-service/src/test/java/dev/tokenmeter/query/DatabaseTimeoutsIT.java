package dev.tokenmeter.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The database limits hold in PostgreSQL itself, and pools keep kinds of work apart: a statement
 * stuck behind a lock is cancelled by the server within its pool's timeout (gone from
 * {@code pg_stat_activity}) and the API answers 503 problem+json with {@code Retry-After}; stuck
 * exports hold only the export pool (the rest get 503 at once) while the dashboard still answers.
 * Short timeouts, set below, keep the test quick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tokenmeter.query.operator-key=" + DatabaseTimeoutsIT.OPERATOR,
        // The lock waits longer than the statement may run, so it is statement_timeout (57014) that ends it.
        "tokenmeter.query.database.dashboard.statement-timeout=2s",
        "tokenmeter.query.database.dashboard.lock-timeout=30s",
        "tokenmeter.query.database.export.max-size=2",
        "tokenmeter.query.database.export.max-acquire-time=500ms",
        "tokenmeter.query.database.export.statement-timeout=8s",
        "tokenmeter.query.database.export.lock-timeout=30s",
        "tokenmeter.query.database.retry-after=7s"})
@WithInfrastructure
class DatabaseTimeoutsIT {

    static final String OPERATOR = "timeouts-operator-key-0123456789abcdefghij";
    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(DatabaseTimeoutsIT.class);
    static final String SUMMARY = "/api/v1/usage/summary?tenant=slow&from=2026-01-05&to=2026-01-10";
    static final String EXPORT = "/api/v1/usage/export?tenant=slow&from=2026-01-05&to=2026-01-10";
    static final String BREAKDOWN = "/api/v1/usage/breakdown?tenant=slow&from=2026-01-05&to=2026-01-10&by=";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void load(@Autowired org.flywaydb.core.Flyway flyway) throws SQLException {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT ensure_usage_event_partitions('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')");
            statement.execute("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key, user_id, status,
                        latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                        cost_usd, priced, cost_source, tags, units)
                    SELECT 'slow', 'ev-' || g, timestamptz '2026-01-06T00:00:00Z' + g * interval '1 minute', 'openai', 'gpt-4o-mini',
                        'chat.completions', 'p', 'k', 'u', 'success', 100, 10, 0, 0, 5, 0, 0.001, true, 'catalog', '{}',
                        CASE WHEN g % 10 = 0 THEN '{"webSearches": 2}'::jsonb END
                    FROM generate_series(1, 1000) AS g""");
            statement.execute("SELECT rebuild_usage_rollups('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')");
        }
    }

    @Test
    void eachPoolsConnectionsCarryTheirOwnSessionLimits(@Autowired DatabaseClient dashboard, @Autowired ExportDatabase export,
            @Autowired JobDatabase jobs) {
        assertThat(settings(dashboard)).containsExactly("tokenmeter-query-dashboard", "2000", "30000", "30000");
        assertThat(settings(export.client())).containsExactly("tokenmeter-query-export", "8000", "30000", "60000");
        assertThat(settings(jobs.client())).containsExactly("tokenmeter-query-jobs", "600000", "60000", "300000");
    }

    @Test
    void aQueryStuckBehindALockIsCancelledByPostgresqlAndAnswered503() throws Exception {
        try (Connection locker = jdbc()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE usage_rollup_1d, usage_dim_rollup_1d IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            CompletableFuture<HttpResponse<String>> summary = get(SUMMARY);
            await("the summary's statement waiting for the lock").atMost(Duration.ofSeconds(10))
                    .until(() -> waitingOnLocks("tokenmeter-query-dashboard") > 0);

            HttpResponse<String> answer = summary.get(20, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(answer.body()).contains("57014");
            assertThat(millis).as("answered after the 2 s statement timeout, not the 30 s Java one").isBetween(1_500L, 10_000L);
            // The summary's three statements started together; each is ended by its own 2 s timeout.
            await("PostgreSQL ending the statements itself, the lock still held").atMost(Duration.ofSeconds(2))
                    .until(() -> waitingOnLocks("tokenmeter-query-dashboard") == 0);
            locker.rollback();
        }
        assertThat(get(SUMMARY).get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void stuckExportsHoldOnlyTheirOwnPoolWhileTheDashboardStillAnswers() throws Exception {
        List<HttpResponse<String>> refused = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> exports = new ArrayList<>();
        try (Connection locker = jdbc()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE usage_event IN ACCESS EXCLUSIVE MODE");
            }
            for (int i = 0; i < 6; i++) {
                exports.add(get(EXPORT));
            }
            await("both export connections waiting for the lock").atMost(Duration.ofSeconds(10))
                    .until(() -> waitingOnLocks("tokenmeter-query-export") == 2);
            await("the other exports refused").atMost(Duration.ofSeconds(10))
                    .until(() -> exports.stream().filter(CompletableFuture::isDone).count() == 4);
            for (CompletableFuture<HttpResponse<String>> export : exports) {
                if (export.isDone()) {
                    refused.add(export.get());
                }
            }
            HttpResponse<String> summary = get(SUMMARY).get(10, TimeUnit.SECONDS);
            assertThat(summary.statusCode()).as("the dashboard answers while exports are stuck: " + summary.body()).isEqualTo(200);
            assertThat(waitingOnLocks("tokenmeter-query-export")).as("the stuck exports still wait").isEqualTo(2);
            locker.rollback();
        }
        for (HttpResponse<String> answer : refused) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        }
        for (CompletableFuture<HttpResponse<String>> export : exports) {
            HttpResponse<String> answer = export.get(20, TimeUnit.SECONDS);
            if (!refused.contains(answer)) {
                assertThat(answer.statusCode()).as("a stuck export finishes once the lock is gone").isEqualTo(200);
                assertThat(answer.body().split("\r\n")).hasSize(1001);
            }
        }
    }

    @Test
    void breakdownsAnswerTheirUnitsFromTheRollupsWhileTheRawTableIsLocked() throws Exception {
        try (Connection locker = jdbc()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE usage_event IN ACCESS EXCLUSIVE MODE");
            }
            // one dimension (the one-dimension rollups), a filter on another, two filters (the all-dimension rollups), status
            for (String by : List.of("model", "project&provider=openai", "apiKey&provider=openai&model=gpt-4o-mini", "status")) {
                HttpResponse<String> answer = get(BREAKDOWN + by).get(10, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as("by=%s: %s", by, answer.body()).isEqualTo(200);
                assertThat(answer.body()).as("by=%s", by)
                        .contains("\"units\":{\"webSearches\":{\"quantity\":200,\"costUsd\":0,\"unpricedQuantity\":200}}");
            }
            assertThat(waitingOnLocks("tokenmeter-query-dashboard")).isZero();
            locker.rollback();
        }
    }

    @Test
    void anExportStuckPastItsStatementTimeoutIsCancelledByPostgresqlAndAnswered503() throws Exception {
        try (Connection locker = jdbc()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE usage_event IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            HttpResponse<String> answer = get(EXPORT).get(30, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.body()).contains("57014");
            assertThat(millis).as("the export pool's 8 s statement timeout").isBetween(7_000L, 20_000L);
            await("PostgreSQL ending the statement itself, the lock still held").atMost(Duration.ofSeconds(2))
                    .until(() -> waitingOnLocks("tokenmeter-query-export") == 0);
            locker.rollback();
        }
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + OPERATOR).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Application name and the statement, lock and idle-in-transaction timeouts (ms) of a pool's session. */
    private static List<String> settings(DatabaseClient client) {
        Map<String, String> row = client.sql("""
                SELECT current_setting('application_name') AS app,
                    (SELECT setting FROM pg_settings WHERE name = 'statement_timeout') AS st,
                    (SELECT setting FROM pg_settings WHERE name = 'lock_timeout') AS lt,
                    (SELECT setting FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout') AS it""")
                .map(r -> {
                    Map<String, String> values = new LinkedHashMap<>();
                    for (String column : List.of("app", "st", "lt", "it")) {
                        values.put(column, r.get(column, String.class));
                    }
                    return values;
                })
                .one()
                .block(Duration.ofSeconds(10));
        return List.copyOf(row.values());
    }

    /** The pool's statements waiting for a lock right now, as PostgreSQL lists them. */
    private static int waitingOnLocks(String application) throws SQLException {
        try (Connection connection = jdbc();
                var query = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? "
                        + "AND application_name = ? AND state = 'active' AND wait_event_type = 'Lock'")) {
            query.setString(1, database);
            query.setString(2, application);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
    }
}
