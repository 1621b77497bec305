package dev.tokenmeter.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pg_stat_statements}: the statements the services ran since the last reset, by total time.
 * The bench's own statements start with {@code /* bench *}{@code /} and are left out.
 */
public final class DbStatements {

    /** One normalised statement: how often it ran and the database time it took. */
    public record Statement(String query, long calls, double totalMs, double meanMs, long rows) {

        /** The statement on one line, cut to {@code max} characters. */
        public String brief(int max) {
            String flat = query.replaceAll("\\s+", " ").strip();
            return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
        }
    }

    /** Leaves out the bench's own statements (PostgreSQL drops a leading comment from the text it keeps). */
    private static final String OURS = "query NOT LIKE '/* bench */%' AND query NOT LIKE '%pg_stat_statements%'"
            + " AND query NOT LIKE '%pg_stat_activity%'";

    private DbStatements() {
    }

    public static void reset(BenchStack stack) throws SQLException {
        try (Connection c = stack.jdbc(); java.sql.Statement s = c.createStatement()) {
            s.execute("/* bench */ SELECT pg_stat_statements_reset()");
        }
    }

    /** The statements of the services (not the bench's), most total time first. */
    public static List<Statement> top(BenchStack stack, int limit) throws SQLException {
        List<Statement> top = new ArrayList<>();
        try (Connection c = stack.jdbc();
                java.sql.Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("/* bench */ SELECT query, calls, total_exec_time, mean_exec_time, rows"
                        + " FROM pg_stat_statements WHERE " + OURS + " ORDER BY total_exec_time DESC LIMIT " + limit)) {
            while (rs.next()) {
                top.add(new Statement(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5)));
            }
        }
        return top;
    }

    /** Total database execution time of the services' statements since the reset, in ms. */
    public static double totalMs(BenchStack stack) throws SQLException {
        try (Connection c = stack.jdbc();
                java.sql.Statement s = c.createStatement();
                ResultSet rs = s
                        .executeQuery("/* bench */ SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements WHERE " + OURS)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
