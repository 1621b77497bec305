package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.database.AppRoles;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Least privilege in the database (V13): Flyway migrates as the superuser (the owner), while the ingest service
 * runs as a login role that is only a member of {@code tokenmeter_app}. That role reads and writes every table
 * and creates partitions through the owner's SECURITY DEFINER function, but any DDL of its own fails with
 * 42501 (insufficient privilege).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithIngestHarness
class DatabaseRolesIT {

    static final String LOGIN = "tokenmeter_it_ingest";
    static final String PASSWORD = "it-ingest-password";
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    static final IngestHarness harness = IngestHarness.of(DatabaseRolesIT.class);

    static {
        createLogin();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // The test's own properties win over the harness's: the service's data as the app role, its migrations as the owner.
        registry.add("spring.r2dbc.username", () -> LOGIN);
        registry.add("spring.r2dbc.password", () -> PASSWORD);
        registry.add("spring.flyway.user", harness.infra::username);
        registry.add("spring.flyway.password", harness.infra::password);
    }

    @LocalServerPort
    int port;

    @Test
    void theServiceRunningAsTheAppRoleStoresEventsAndCreatesTheirPartitionThroughTheOwnersFunction() throws Exception {
        // The months of the events are made to lack their partitions, so the service must create them.
        List<String> months = List.of(partition(YearMonth.now(ZoneOffset.UTC)), partition(YearMonth.now(ZoneOffset.UTC).minusMonths(1)));
        try (Connection owner = harness.connect(); Statement statement = owner.createStatement()) {
            for (String month : months) {
                statement.execute("DROP TABLE " + month);
            }
        }
        TestEvents events = new TestEvents(13);
        String batch = IntStream.range(0, 30).mapToObj(i -> events.event("acme", "roles-" + i)).toList().toString();

        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/api/v1/events")
                .headers(headers -> headers.setBearerAuth(IngestHarness.INGEST_KEY))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch)
                .exchange()
                .expectStatus().isAccepted();
        harness.awaitConsumed();

        assertThat(harness.count("SELECT count(*) FROM usage_event WHERE tenant = 'acme' AND id LIKE 'roles-%'")).isEqualTo(30);
        assertThat(harness.count("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND usename = ?", harness.database, LOGIN))
                .as("the service's pool connects as the app role").isPositive();
        for (String month : months) {
            assertThat(
                    harness.count("SELECT count(*) FROM pg_tables WHERE tablename = ? AND tableowner = ?", month, harness.infra.username()))
                    .as(month + " recreated, owned by the owner").isOne();
        }
        try (Connection connection = harness.connect()) {
            Totals.assertRollupsMatchRawEvents(connection, List.of("acme"));
        }
    }

    @Test
    void theAppRoleReadsAndWritesTheTables() throws SQLException {
        try (Connection app = connectAsApp(); Statement statement = app.createStatement()) {
            statement.executeUpdate("INSERT INTO price_override (tenant, provider, model, effective_from, input, output) "
                    + "VALUES ('roles-co', 'openai', 'gpt-roles', '2026-01-01T00:00:00Z', 1, 2)");
            statement.executeUpdate("UPDATE price_override SET output = 3 WHERE tenant = 'roles-co'");
            assertThat(count(statement, "SELECT count(*) FROM price_override WHERE tenant = 'roles-co' AND output = 3")).isOne();
            statement.executeUpdate("DELETE FROM price_override WHERE tenant = 'roles-co'");
            assertThat(count(statement, "SELECT count(*) FROM usage_dim_rollup_1d")).isNotNegative();
            assertThat(count(statement, "SELECT count(*) FROM budget_alert_delivery")).isNotNegative();
            // The rollup rebuilds stay SECURITY INVOKER: their LOCK, DELETE, INSERT and temporary table are allowed.
            statement.execute("SELECT rebuild_usage_rollups('roles-co', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')");
            statement.execute("SELECT rebuild_usage_rollups('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')");
        }
    }

    @Test
    void theAppRoleCreatesAPartitionThroughTheOwnersFunctionAndWritesIntoIt() throws SQLException {
        try (Connection app = connectAsApp(); Statement statement = app.createStatement()) {
            assertThat(count(statement, "SELECT ensure_usage_event_partitions('2090-01-01T00:00:00Z', '2090-02-01T00:00:00Z')")).isOne();
            assertThat(
                    count(statement, "SELECT count(*) FROM pg_tables WHERE tablename = 'usage_event_209001' AND tableowner = current_user"))
                    .as("owned by the owner, not by the caller").isZero();

            statement.executeUpdate("INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, status, input_tokens, "
                    + "cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source) "
                    + "VALUES ('roles-co', 'future-1', '2090-01-15T00:00:00Z', 'openai', 'gpt-4o', 'responses', 'success', 1, 0, 0, 1, 0, 0, true, 'catalog')");
            statement.executeUpdate("UPDATE usage_event_209001 SET output_tokens = 2 WHERE id = 'future-1'");
            assertThat(count(statement, "SELECT output_tokens FROM usage_event_209001 WHERE id = 'future-1'")).isEqualTo(2);
            assertThat(statement.executeUpdate("DELETE FROM usage_event_209001 WHERE id = 'future-1'")).isOne();
        }
    }

    @Test
    void theAppRoleCannotCreateAlterOrDropAnything() throws SQLException {
        List<String> ddl = List.of(
                "CREATE TABLE x ()",
                "DROP TABLE usage_event",
                "ALTER TABLE usage_event ADD COLUMN x integer",
                "ALTER TABLE api_key DROP COLUMN name",
                "TRUNCATE api_key",
                "CREATE TABLE usage_event_209912 PARTITION OF usage_event FOR VALUES FROM ('2099-12-01') TO ('2100-01-01')",
                "DROP TABLE " + partition(YearMonth.now(ZoneOffset.UTC).plusMonths(1)),
                "CREATE INDEX x ON api_key (name)",
                "CREATE FUNCTION x() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
                "ALTER FUNCTION ensure_usage_event_partitions(timestamptz, timestamptz, interval) SECURITY INVOKER",
                "SELECT count(*) FROM flyway_schema_history");
        List<String> allowed = new ArrayList<>();
        try (Connection app = connectAsApp(); Statement statement = app.createStatement()) {
            for (String sql : ddl) {
                try {
                    statement.execute(sql);
                    allowed.add(sql);
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE);
                }
            }
        }
        assertThat(allowed).as("statements the app role could run").isEmpty();
    }

    @Test
    void functionsThatRunDdlAreSecurityDefinerWithAPinnedSearchPathAndOnlyForTheAppRole() throws SQLException {
        try (Connection owner = harness.connect(); Statement statement = owner.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM pg_proc WHERE proname = 'ensure_usage_event_partitions'")).isOne();
            assertThat(count(statement, """
                    SELECT count(*) FROM pg_proc
                    WHERE pronamespace = 'public'::regnamespace
                      AND (proname LIKE 'ensure\\_%' OR proname LIKE 'drop\\_%' OR proname LIKE 'purge\\_%')
                      AND NOT (prosecdef
                               AND 'search_path=public, pg_temp' = ANY (proconfig)
                               AND has_function_privilege('tokenmeter_app', oid, 'EXECUTE')
                               AND NOT has_function_privilege('public', oid, 'EXECUTE'))""")).isZero();
        }
    }

    private static Connection connectAsApp() throws SQLException {
        return DriverManager.getConnection(harness.infra.jdbcUrl(harness.database), LOGIN, PASSWORD);
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String partition(YearMonth month) {
        return "usage_event_" + month.format(DateTimeFormatter.ofPattern("yyyyMM"));
    }

    /** What the local stack's launcher or a deployer does before the services start: the group and a login in it. */
    private static void createLogin() {
        try (Connection admin = DriverManager.getConnection(harness.infra.jdbcUrl("postgres"), harness.infra.username(),
                harness.infra.password());
                Statement statement = admin.createStatement()) {
            statement.execute(AppRoles.createIfMissing(PASSWORD, LOGIN));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the login " + LOGIN, e);
        }
    }
}
