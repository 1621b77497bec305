package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A partial index of the raw events that carry {@code usage.units}: {@code (tenant, event_time) WHERE units IS NOT NULL},
 * for what the units rollups (V24) cannot answer — user and tag questions and the unaligned edges of a range — and
 * for the rebuild and backfill of the units rollups, so all of them read only the events with units.
 *
 * <p>{@code usage_event} is partitioned, and PostgreSQL cannot build an index CONCURRENTLY on a partitioned
 * table; a plain CREATE INDEX would block ingest for as long as it scans every partition. So, as the
 * PostgreSQL manual describes: the index is created on the parent alone ({@code ON ONLY}: invalid, no scan), then
 * built CONCURRENTLY on each partition (writes go on) and attached; once every partition's is attached the
 * parent's becomes valid. Partitions created later get it when they are attached (V11's
 * {@code ensure_usage_event_partitions}). This cannot run in a transaction (Flyway runs it without one; see
 * {@code spring.flyway.postgresql.transactional-lock=false}). Re-runnable: an interrupted run leaves invalid
 * per-partition indexes, which the next run drops and builds again.
 */
public class V23__Units_partial_index extends BaseJavaMigration {

    static final String PARENT = "usage_event_units";
    static final String COLUMNS = "(tenant, event_time) WHERE units IS NOT NULL";

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX IF NOT EXISTS " + PARENT + " ON ONLY usage_event " + COLUMNS);
            for (String partition : partitions(connection)) {
                if (attached(connection, partition)) {
                    continue;
                }
                String index = partition + "_units";
                if (invalid(connection, index)) {
                    statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + quoted(index));
                }
                statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + quoted(index) + " ON " + quoted(partition) + " " + COLUMNS);
                statement.execute("ALTER INDEX " + PARENT + " ATTACH PARTITION " + quoted(index));
            }
        }
        if (!valid(connection, PARENT)) {
            throw new IllegalStateException(PARENT + " is still invalid: a partition of usage_event lacks its index");
        }
    }

    private static List<String> partitions(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'usage_event'::regclass ORDER BY c.relname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** Whether an index of the partition is attached to the parent's already (made when the partition was attached). */
    private static boolean attached(Connection connection, String partition) throws SQLException {
        return exists(connection, "SELECT 1 FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid"
                + " WHERE i.inhparent = '" + PARENT + "'::regclass AND x.indrelid = to_regclass(?)", quoted(partition));
    }

    private static boolean invalid(Connection connection, String index) throws SQLException {
        return exists(connection, "SELECT 1 FROM pg_index WHERE indexrelid = to_regclass(?) AND NOT indisvalid", quoted(index));
    }

    private static boolean valid(Connection connection, String index) throws SQLException {
        return exists(connection, "SELECT 1 FROM pg_index WHERE indexrelid = to_regclass(?) AND indisvalid", index);
    }

    private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
