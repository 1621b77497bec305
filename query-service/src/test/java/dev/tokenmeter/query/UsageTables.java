package dev.tokenmeter.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** What ingest does around the raw events, for tests that write usage_event rows with JDBC. */
public final class UsageTables {

    private UsageTables() {
    }

    /** Creates the usage_event partitions that cover {@code [from, to)}. */
    public static void ensurePartitions(Connection connection, Instant from, Instant to) throws SQLException {
        call(connection, "SELECT ensure_usage_event_partitions(?, ?)", from, to);
    }

    /** Rebuilds the rollups of {@code [from, to)} from the raw events, so they hold what ingest would have written. */
    public static void rebuildRollups(Connection connection, Instant from, Instant to) throws SQLException {
        call(connection, "SELECT rebuild_usage_rollups(?, ?)", from, to);
    }

    private static void call(Connection connection, String sql, Instant from, Instant to) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            statement.execute();
        }
    }
}
