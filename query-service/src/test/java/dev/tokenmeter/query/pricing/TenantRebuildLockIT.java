package dev.tokenmeter.query.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.UsageTables;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.pricing.PriceCatalog;
import dev.tokenmeter.pricing.PriceOverrides;
import dev.tokenmeter.query.pricing.IngestLikeWriter.Priced;
import dev.tokenmeter.testsupport.Infrastructure;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exclusion between a re-pricing rebuild and ingest is per tenant (migration V14): while one
 * tenant's day rebuild is open, other tenants' batches commit, the same tenant's batches wait and
 * then count once; and a tenant's re-pricing jobs are claimed one at a time.
 */
class TenantRebuildLockIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.createDatabase("rebuildlock");
    static final PriceCatalog CATALOG = PriceCatalog.builtIn();
    static final Instant DAY = Instant.parse("2026-11-03T00:00:00Z");
    static final Instant NEXT_DAY = DAY.plus(Duration.ofDays(1));

    @BeforeAll
    static void migrate() throws SQLException {
        // As the services run Flyway (application.yml): V16 builds indexes CONCURRENTLY outside a transaction.
        Flyway.configure().dataSource(infra.jdbcUrl(database), infra.username(), infra.password()).mixed(true)
                .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();
        try (Connection connection = connect()) {
            UsageTables.ensurePartitions(connection, DAY, NEXT_DAY);
        }
    }

    @Test
    void whileOneTenantsRebuildIsOpenAnotherTenantsBatchCommitsAndTheSameTenantsBatchWaitsThenCountsOnce() throws Exception {
        try (Connection setup = connect()) {
            IngestLikeWriter.write(setup, batch("acme", "before", 20));
            IngestLikeWriter.write(setup, batch("globex", "before", 20));
        }
        try (Connection rebuild = connect(); Connection other = connect(); Connection same = connect()) {
            rebuild.setAutoCommit(false);
            try (var statement = rebuild.prepareStatement("SELECT rebuild_usage_rollups('acme', ?, ?)")) {
                statement.setTimestamp(1, Timestamp.from(DAY));
                statement.setTimestamp(2, Timestamp.from(NEXT_DAY));
                statement.execute();
            }
            // the rebuild's transaction is open: globex's batch goes through, acme's times out on the tenant lock
            execute(other, "SET lock_timeout = '2s'");
            IngestLikeWriter.write(other, batch("globex", "during", 10));
            assertThat(rollupRequests(other, "globex")).isEqualTo(30);
            execute(same, "SET lock_timeout = '200ms'");
            assertThatThrownBy(() -> IngestLikeWriter.write(same, batch("acme", "timed-out", 10)))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("55P03"));

            execute(same, "SET lock_timeout = 0");
            int samePid = pid(same);
            CompletableFuture<Instant> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return IngestLikeWriter.write(same, batch("acme", "during", 10));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> waitsForAnAdvisoryLock(other, samePid));
            assertThat(waiting).isNotDone();
            rebuild.commit();
            waiting.get();
        }
        try (Connection check = connect()) {
            assertThat(rollupRequests(check, "acme")).isEqualTo(30).isEqualTo(rawEvents(check, "acme"));
            assertThat(rollupRequests(check, "globex")).isEqualTo(30).isEqualTo(rawEvents(check, "globex"));
        }
    }

    @Test
    void aTenantsQueuedJobIsNotClaimedWhileAnotherOfItsJobsRunsButOtherTenantsJobsAre() throws SQLException {
        try (Connection connection = connect()) {
            execute(connection, """
                    INSERT INTO pricing_job (id, tenant, range_from, range_to, state, days_total, created_at) VALUES
                        ('job_00000000000000a1', 'initech', '2026-11-01', '2026-11-02', 'queued', 1, '2026-11-10T00:00:01Z'),
                        ('job_00000000000000a2', 'initech', '2026-11-01', '2026-11-02', 'queued', 1, '2026-11-10T00:00:02Z'),
                        ('job_00000000000000b1', 'hooli', '2026-11-01', '2026-11-02', 'queued', 1, '2026-11-10T00:00:03Z')""");
            assertThat(claim(connection)).isEqualTo("job_00000000000000a1");
            assertThat(claim(connection)).isEqualTo("job_00000000000000b1");
            assertThat(claim(connection)).isNull();
            execute(connection, "UPDATE pricing_job SET state = 'done' WHERE id = 'job_00000000000000a1'");
            assertThat(claim(connection)).isEqualTo("job_00000000000000a2");
        }
    }

    private static @Nullable String claim(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(JobStore.CLAIM.replace(":stale", "'PT1M'"))) {
            return rows.next() ? rows.getString("id") : null;
        }
    }

    private static List<Priced> batch(String tenant, String prefix, int size) {
        List<Priced> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            var event = IngestLikeWriter.event(tenant, prefix + "-" + i, DAY.plus(Duration.ofMinutes(37L * i)), "openai", "gpt-4o",
                    new Usage(100 + i, 0, 0, 50, 0), (BigDecimal) null);
            batch.add(new Priced(event, CATALOG.cost(event, PriceOverrides.NONE)));
        }
        return batch;
    }

    private static boolean waitsForAnAdvisoryLock(Connection connection, int pid) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE pid = ? AND locktype = 'advisory' AND NOT granted")) {
            statement.setInt(1, pid);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        }
    }

    private static long rollupRequests(Connection connection, String tenant) throws SQLException {
        return single(connection, "SELECT coalesce(sum(requests), 0) FROM usage_rollup_1d WHERE tenant = ?", tenant);
    }

    private static long rawEvents(Connection connection, String tenant) throws SQLException {
        return single(connection, "SELECT count(*) FROM usage_event WHERE tenant = ?", tenant);
    }

    private static long single(Connection connection, String sql, String tenant) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
    }
}
