package dev.tokenmeter.query.rules;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores usage events straight into {@code usage_event} over JDBC and rebuilds the rollups of their days,
 * as ingest would have left them.
 */
final class Usage {

    /** One call: {@code status} success, error or timeout; 1000 input and 500 output tokens. */
    record Call(Instant time, String project, String model, String status, int latencyMs, String usd) {

        static Call ok(Instant time, String project, String usd) {
            return new Call(time, project, "gpt-4o", "success", 400, usd);
        }

        static Call error(Instant time, String project) {
            return new Call(time, project, "gpt-4o", "error", 900, "0");
        }
    }

    private static final AtomicLong IDS = new AtomicLong();
    private final Infrastructure infra;
    private final String database;

    Usage(Infrastructure infra, String database) {
        this.infra = infra;
        this.database = database;
    }

    void add(String tenant, List<Call> calls) {
        Instant from = calls.stream().map(Call::time).min(Instant::compareTo).orElseThrow().truncatedTo(ChronoUnit.DAYS);
        Instant to = calls.stream().map(Call::time).max(Instant::compareTo).orElseThrow().truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1));
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password())) {
            UsageTables.ensurePartitions(connection, from, to);
            try (var insert = connection.prepareStatement("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, status, latency_ms,
                        input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                        cost_usd, priced, cost_source)
                    VALUES (?, ?, ?, 'openai', ?, 'chat.completions', ?, ?, ?, 1000, 0, 0, 500, 0, ?, true, 'provider')""")) {
                for (Call call : calls) {
                    insert.setString(1, tenant);
                    insert.setString(2, "evt_" + IDS.incrementAndGet());
                    insert.setTimestamp(3, Timestamp.from(call.time()));
                    insert.setString(4, call.model());
                    insert.setString(5, call.project());
                    insert.setString(6, call.status());
                    insert.setInt(7, call.latencyMs());
                    insert.setBigDecimal(8, new BigDecimal(call.usd()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            UsageTables.rebuildRollups(connection, from, to);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code n} calls spread evenly from {@code start}, {@code step} apart. */
    static List<Call> every(Instant start, Duration step, int n, java.util.function.Function<Instant, Call> call) {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call.apply(start.plus(step.multipliedBy(i))));
        }
        return calls;
    }
}
