package dev.tokenmeter.bench;

import dev.tokenmeter.process.DaemonThreads;
import dev.tokenmeter.bench.report.Format;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A sampling profile of what PostgreSQL's active sessions are doing: every few milliseconds,
 * {@code pg_stat_activity}'s wait event of each active client session ("CPU" when it waits on
 * nothing). The shares say whether the database burns CPU, waits for the WAL to reach the disk, or
 * waits for locks.
 */
public final class DbWaits implements AutoCloseable {

    private static final String SAMPLE = """
            /* bench */ SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU (running)')
            FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()""";

    private final Map<String, Integer> counts = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;

    public DbWaits(BenchStack stack, long intervalMillis) {
        this.thread = DaemonThreads.start("bench-db-waits", () -> loop(stack, intervalMillis));
    }

    private void loop(BenchStack stack, long intervalMillis) {
        try (Connection c = stack.jdbc(); Statement s = c.createStatement()) {
            while (running) {
                try (ResultSet rs = s.executeQuery(SAMPLE)) {
                    synchronized (counts) {
                        samples++;
                        while (rs.next()) {
                            counts.merge(rs.getString(1), 1, Integer::sum);
                        }
                    }
                }
                Thread.sleep(intervalMillis);
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (Exception e) {
            // the profile is a help, not a measurement: stop sampling
        }
    }

    /** Average active sessions per wait event, busiest first, e.g. {@code CPU (running) 0.82, LWLock:WALWrite 0.10}. */
    public Map<String, Double> activeSessions() {
        synchronized (counts) {
            int n = Math.max(1, samples);
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / (double) n, (a, b) -> a,
                            java.util.LinkedHashMap::new));
        }
    }

    public String describe() {
        Map<String, Double> sessions = activeSessions();
        if (sessions.isEmpty()) {
            return "no active database session seen";
        }
        return sessions.entrySet().stream().limit(6)
                .map(e -> e.getKey() + " " + Format.ratio(e.getValue()))
                .collect(Collectors.joining(", ")) + " (average active sessions)";
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
