package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.UsageTables;
import dev.tokenmeter.testsupport.Infrastructure;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Stores usage events straight into {@code usage_event} over JDBC and rebuilds the rollups of their
 * days, as the query tests do. Storing an event again is a no-op (its key exists): a replay.
 */
final class Spend {

    private final Infrastructure infra;
    private final String database;

    Spend(Infrastructure infra, String database) {
        this.infra = infra;
        this.database = database;
    }

    /** One successful call of project support-bot costing {@code usd}, with 1000 input and 500 output tokens. */
    void add(String tenant, String id, Instant time, String usd) {
        add(tenant, id, time, "support-bot", usd);
    }

    void add(String tenant, String id, Instant time, String project, String usd) {
        Instant day = time.truncatedTo(ChronoUnit.DAYS);
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password())) {
            UsageTables.ensurePartitions(connection, day, day.plus(Duration.ofDays(1)));
            try (var insert = connection.prepareStatement("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, status,
                        input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                        cost_usd, priced, cost_source)
                    VALUES (?, ?, ?, 'openai', 'gpt-4o', 'chat.completions', ?, 'success', 1000, 0, 0, 500, 0, ?, true, 'provider')
                    ON CONFLICT DO NOTHING""")) {
                insert.setString(1, tenant);
                insert.setString(2, id);
                insert.setTimestamp(3, Timestamp.from(time));
                insert.setString(4, project);
                insert.setBigDecimal(5, new BigDecimal(usd));
                insert.execute();
            }
            UsageTables.rebuildRollups(connection, day, day.plus(Duration.ofDays(1)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
