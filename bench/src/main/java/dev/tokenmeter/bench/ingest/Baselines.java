package dev.tokenmeter.bench.ingest;

import dev.tokenmeter.bench.BenchStack;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;

/**
 * The two ingest baselines, run on the same records as the ingest service, one after another with
 * nothing else of the bench running:
 * <ul>
 *   <li><b>naive</b> — what the seed plans do: for each record, parse, validate and price it (the
 *   product's core code) and run one {@code INSERT ... ON CONFLICT (tenant, id) DO NOTHING} into a
 *   plain table (same columns, primary key only, no rollups), autocommit, one round trip and one
 *   commit per event, through JDBC;</li>
 *   <li><b>COPY ceiling</b> — PostgreSQL's bulk path: the same records, already parsed and priced
 *   (not timed), streamed with {@code COPY ... FROM STDIN} into an unindexed table in one
 *   transaction. Nothing stores rows faster; COPY cannot deduplicate, so it stores the duplicates
 *   too.</li>
 * </ul>
 */
final class Baselines {

    /** How many records a run got through and how long it took. */
    record Run(long records, Duration took) {

        double perSecond() {
            return records / (took.toNanos() / 1e9);
        }
    }

    private final BenchStack stack;

    Baselines(BenchStack stack) {
        this.stack = stack;
    }

    Run naive(IngestRecords records, Duration budget) throws SQLException {
        try (Connection c = stack.jdbc()) {
            try (Statement s = c.createStatement()) {
                s.execute("/* bench */ DROP TABLE IF EXISTS bench_naive_event");
                s.execute("/* bench */ CREATE TABLE bench_naive_event (LIKE usage_event INCLUDING DEFAULTS, PRIMARY KEY (tenant, id))");
            }
            c.setAutoCommit(true);
            EventRows rows = new EventRows();
            String placeholders = "?, ".repeat(EventRows.COLUMN_COUNT - 1) + "?::jsonb";
            try (PreparedStatement insert = c.prepareStatement("/* bench */ INSERT INTO bench_naive_event (" + EventRows.COLUMNS
                    + ") VALUES (" + placeholders + ") ON CONFLICT (tenant, id) DO NOTHING")) {
                long start = System.nanoTime();
                long deadline = start + budget.toNanos();
                int done = 0;
                while (done < records.size() && System.nanoTime() < deadline) {
                    Object[] values = rows.values(records.values()[done]);
                    if (values != null) {
                        for (int i = 0; i < values.length; i++) {
                            insert.setObject(i + 1, values[i]);
                        }
                        insert.executeUpdate();
                    }
                    done++;
                }
                return new Run(done, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    /** Writes the COPY input for all records (not timed) to {@code file}. */
    static void prepareCopy(IngestRecords records, Path file) throws IOException {
        EventRows rows = new EventRows();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (byte[] record : records.values()) {
                Object[] values = rows.values(record);
                if (values != null) {
                    out.write(EventRows.copyLine(values));
                }
            }
        }
    }

    Run copy(Path file, long records) throws SQLException, IOException {
        try (Connection c = stack.jdbc()) {
            try (Statement s = c.createStatement()) {
                s.execute("/* bench */ DROP TABLE IF EXISTS bench_copy_event");
                s.execute("/* bench */ CREATE TABLE bench_copy_event (LIKE usage_event INCLUDING DEFAULTS)");
            }
            long start = System.nanoTime();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("/* bench */ COPY bench_copy_event (" + EventRows.COLUMNS + ") FROM STDIN", in, 1 << 16);
            }
            return new Run(records, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    void dropTables() throws SQLException {
        try (Connection c = stack.jdbc(); Statement s = c.createStatement()) {
            s.execute("/* bench */ DROP TABLE IF EXISTS bench_naive_event, bench_copy_event");
        }
    }
}
