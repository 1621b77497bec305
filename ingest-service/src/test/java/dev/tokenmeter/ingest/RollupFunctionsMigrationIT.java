package dev.tokenmeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.testsupport.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The SQL functions live in one repeatable migration (R__rollup_functions.sql, tracker issue 23): a fresh
 * database and one migrated from the previous schema (V1-V22, with units stored) end with the same
 * functions — text, SECURITY DEFINER, settings and privileges —, the units rollups of the migrated one are
 * backfilled from its raw events (V24), so are its daily rows by user (V25) and daily units rows by user (V28), every rollup then equal to its raw events, and the partial index of events with units (V23, built per
 * partition) is valid and covers every partition, including one created afterwards.
 */
class RollupFunctionsMigrationIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final int PREVIOUS_SCHEMA = 22;
    static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void aFreshDatabaseAndOneMigratedFromThePreviousSchemaEndWithTheSameFunctionsAndBackfilledUnitRollups() throws Exception {
        String fresh = infra.createDatabase("functions_fresh");
        migrate(fresh, "classpath:db/migration");

        String previous = infra.createDatabase("functions_previous");
        migrate(previous, "filesystem:" + previousSchema());
        try (Connection connection = connect(previous); Statement statement = connection.createStatement()) {
            statement.execute("SELECT ensure_usage_event_partitions('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')");
            statement.execute("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key, status, input_tokens,
                        cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source,
                        service_tier, units, unit_costs, user_id, latency_ms)
                    SELECT (ARRAY['acme', 'globex'])[g % 2 + 1], 'ev-' || g, timestamptz '2026-01-30T20:00:00Z' + g * interval '7 minutes',
                        'openai', CASE WHEN g % 3 = 0 THEN NULL ELSE 'gpt-4o' END, 'chat', CASE WHEN g % 4 = 0 THEN 'p' END, NULL,
                        'success', 10, 0, 0, 5, 0, 0.01, true, 'catalog', CASE WHEN g % 5 = 0 THEN 'batch' ELSE 'standard' END,
                        CASE WHEN g % 2 = 0 THEN jsonb_build_object('webSearches', g, 'images', 1) END,
                        CASE WHEN g % 4 = 0 THEN '{"webSearches": 0.05}'::jsonb END,
                        CASE WHEN g % 3 = 1 THEN NULL ELSE 'u' || g % 4 END, CASE WHEN g % 6 = 0 THEN NULL ELSE g * 13 END
                    FROM generate_series(1, 120) AS g""");
            // The rollups as the previous schema's rebuild writes them: V25 adds the rows by user of the days they hold.
            statement.execute("SELECT rebuild_usage_rollups('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')");
        }
        migrate(previous, "classpath:db/migration");

        Map<String, String> functions = functions(fresh);
        assertThat(functions.keySet()).contains("rebuild_usage_rollups(text,timestamp with time zone,timestamp with time zone)",
                "rebuild_usage_rollups(timestamp with time zone,timestamp with time zone)", "purge_usage_rollups(interval,interval)",
                "claim_usage_event_keys(text[],text[],text[],timestamp with time zone[])", "latency_hist_sum(jsonb)");
        assertThat(functions(previous)).as("the functions of a database migrated from V%d", PREVIOUS_SCHEMA).isEqualTo(functions);

        try (Connection connection = connect(previous)) {
            assertThat(count(connection, "SELECT count(*) FROM usage_unit_dim_rollup_1d WHERE dim = ''")).as("backfilled").isPositive();
            assertThat(count(connection, "SELECT count(DISTINCT value) FROM usage_dim_rollup_1d WHERE dim = 'user'"))
                    .as("daily rows by user backfilled (V25): u0..u3 and '' for events without a user").isEqualTo(5);
            assertThat(count(connection, "SELECT count(DISTINCT value) FROM usage_unit_dim_rollup_1d WHERE dim = 'user'"))
                    .as("daily units rows by user backfilled (V28): the events with units (even g) have u0, u2 and none").isEqualTo(3);
            Totals.assertRollupsMatchRawEvents(connection, List.of("acme", "globex"));
        }
        for (String database : List.of(fresh, previous)) {
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                assertPartialIndexCoversEveryPartition(connection);
                statement.execute("SELECT ensure_usage_event_partitions('2091-01-01T00:00:00Z', '2091-02-01T00:00:00Z')");
                assertPartialIndexCoversEveryPartition(connection);
            }
        }
    }

    private static void assertPartialIndexCoversEveryPartition(Connection connection) throws SQLException {
        assertThat(count(connection, "SELECT count(*) FROM pg_index WHERE indexrelid = 'usage_event_units'::regclass AND indisvalid"))
                .isOne();
        assertThat(count(connection, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'usage_event_units'::regclass"))
                .isEqualTo(count(connection, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'usage_event'::regclass"))
                .isPositive();
    }

    /** Every function, procedure and aggregate of the schema: its definition, SECURITY DEFINER, settings and privileges. */
    private static Map<String, String> functions(String database) throws SQLException {
        Map<String, String> functions = new TreeMap<>();
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT p.oid::regprocedure::text AS name,
                               CASE WHEN p.prokind = 'a'
                                    THEN 'aggregate ' || a.aggtransfn::text || ' ' || coalesce(a.agginitval, '')
                                    ELSE pg_get_functiondef(p.oid) END
                               || ' definer=' || p.prosecdef || ' config=' || coalesce(p.proconfig::text, '')
                               || ' acl=' || coalesce(p.proacl::text, '') AS definition
                        FROM pg_proc p LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
                        WHERE p.pronamespace = current_schema()::regnamespace""")) {
            while (rows.next()) {
                functions.put(rows.getString("name").replaceAll("^[a-z_]+\\.", ""), rows.getString("definition"));
            }
        }
        return functions;
    }

    /** The versioned migrations of the previous schema, copied to a directory of their own. */
    private static Path previousSchema() throws IOException {
        Path directory = Files.createTempDirectory("previous-schema");
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql");
        int copied = 0;
        for (Resource resource : resources) {
            Matcher name = VERSION.matcher(String.valueOf(resource.getFilename()));
            if (name.matches() && Integer.parseInt(name.group(1)) <= PREVIOUS_SCHEMA) {
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, directory.resolve(name.group()));
                }
                copied++;
            }
        }
        assertThat(copied).as("versioned migrations up to V%d", PREVIOUS_SCHEMA).isGreaterThanOrEqualTo(18);
        return directory;
    }

    /** As the services run Flyway (application.yml): V16 and V23 build indexes CONCURRENTLY, outside a transaction. */
    private static void migrate(String database, String location) {
        Flyway.configure().dataSource(infra.jdbcUrl(database), infra.username(), infra.password()).locations(location).mixed(true)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
    }
}
