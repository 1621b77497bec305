package dev.tokenmeter.query;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.boot.r2dbc.metrics.ConnectionPoolMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Settings of the query service's database sessions, sent when each connection starts, and the
 * pools besides the dashboard's.
 *
 * <p>Three pools ({@link DatabasePools}): Spring's own for the API, a small one for CSV exports and
 * one for background jobs, each with its own {@code statement_timeout}, {@code lock_timeout} and
 * {@code idle_in_transaction_session_timeout}, and its own {@code application_name}
 * ({@code tokenmeter-query-dashboard}, {@code -export}, {@code -jobs}), which names it in
 * {@code pg_stat_activity}. The timeouts are startup parameters of the connection, so PostgreSQL
 * itself ends a statement that runs or waits too long: a request given up in Java does not leave its
 * query running.
 *
 * <p>{@code plan_cache_mode = force_generic_plan}: the driver prepares every statement once per
 * connection, but PostgreSQL's default re-plans a statement on each execution while its generic plan
 * looks costlier than the custom ones, and for the rollup queries (a union of the day, hour and
 * 15-minute tables) planning took longer than running: 5-16 ms of a 10 ms answer. Every predicate
 * of those queries is an equality on the leading key columns plus a range on {@code bucket_start},
 * which the generic plan answers with the same index scans; raw-event partitions are still pruned,
 * at execution. The measurements behind this choice are in {@code bench/README.md} ("Generic plans").
 */
@Configuration(proxyBeanMethods = false)
class DatabaseSessions {

    static final Map<String, String> SETTINGS = Map.of("plan_cache_mode", "force_generic_plan");
    static final String APPLICATION = "tokenmeter-query-";

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer sessionSettings(DatabasePools pools) {
        return options -> options.option(PostgresqlConnectionFactoryProvider.OPTIONS, settings(pools.dashboard()))
                .option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, APPLICATION + "dashboard");
    }

    @Bean
    ExportDatabase exportDatabase(R2dbcConnectionDetails connection, DatabasePools pools) {
        ConnectionPool pool = pool(connection, "export", pools.export());
        return new ExportDatabase(DatabaseClient.create(pool), pool);
    }

    @Bean
    JobDatabase jobDatabase(R2dbcConnectionDetails connection, DatabasePools pools) {
        ConnectionPool pool = pool(connection, "jobs", pools.jobs());
        return new JobDatabase(DatabaseClient.create(pool), TransactionalOperator.create(new R2dbcTransactionManager(pool)), pool);
    }

    /** {@code r2dbc_pool_*} meters of the export pool, tagged {@code name="export"} (the dashboard's is {@code connectionFactory}). */
    @Bean
    MeterBinder exportPoolMetrics(ExportDatabase export) {
        return new ConnectionPoolMetrics(export.pool(), "export", Tags.empty());
    }

    @Bean
    MeterBinder jobPoolMetrics(JobDatabase jobs) {
        return new ConnectionPoolMetrics(jobs.pool(), "jobs", Tags.empty());
    }

    /** The session parameters of a pool: the plan cache mode and its limits, in milliseconds (0 = none). */
    static Map<String, String> settings(DatabasePools.Session session) {
        return Map.of(
                "plan_cache_mode", SETTINGS.get("plan_cache_mode"),
                "statement_timeout", millis(session.statementTimeout()),
                "lock_timeout", millis(session.lockTimeout()),
                "idle_in_transaction_session_timeout", millis(session.idleInTransactionTimeout()));
    }

    private static ConnectionPool pool(R2dbcConnectionDetails connection, String name, DatabasePools.Pool settings) {
        ConnectionFactoryOptions options = connection.getConnectionFactoryOptions().mutate()
                .option(PostgresqlConnectionFactoryProvider.OPTIONS, settings(settings.session()))
                .option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, APPLICATION + name)
                .build();
        return new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
                .name(name)
                .initialSize(0)
                .maxSize(settings.maxSize())
                .maxAcquireTime(settings.maxAcquireTime())
                .maxCreateConnectionTime(settings.maxAcquireTime())
                .build());
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
