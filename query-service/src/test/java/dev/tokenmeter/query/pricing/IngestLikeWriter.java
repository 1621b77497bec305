package dev.tokenmeter.query.pricing;

import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stores events the way the ingest service does: one transaction whose first statement takes the
 * batch's tenants' rollup locks shared ({@code lock_tenant_rollups_shared}, as ingest's BatchSql
 * LOCK_TENANTS does), then ONE statement that records the dedup keys, inserts the new raw events and
 * adds them to all six rollups (the shape of ingest's BatchSql, without latencies, projects or API
 * keys). The lock is granted before that statement takes its snapshot, as in ingest — which is what
 * makes a concurrent rebuild of the same tenant's rollups safe.
 */
final class IngestLikeWriter {

    record Priced(UsageEvent event, Cost cost) {
    }

    private static final String QUARTER = "date_bin('15 minutes', event_time, timestamptz '2000-01-01 00:00:00+00')";
    private static final String HOUR = "date_trunc('hour', event_time, 'UTC')";
    private static final String DAY = "date_trunc('day', event_time, 'UTC')";
    private static final String SUMS = """
            count(*), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
            sum(reasoning_tokens), sum(cost_usd), count(*) FILTER (WHERE NOT priced), 0, 0, '{}'::jsonb, max(event_time)""";
    private static final String MERGE = """
            requests = r.requests + excluded.requests, input_tokens = r.input_tokens + excluded.input_tokens,
            cached_input_tokens = r.cached_input_tokens + excluded.cached_input_tokens,
            cache_write_tokens = r.cache_write_tokens + excluded.cache_write_tokens,
            output_tokens = r.output_tokens + excluded.output_tokens, reasoning_tokens = r.reasoning_tokens + excluded.reasoning_tokens,
            cost_usd = r.cost_usd + excluded.cost_usd, unpriced_requests = r.unpriced_requests + excluded.unpriced_requests,
            last_seen = greatest(r.last_seen, excluded.last_seen)""";
    private static final String COLUMNS = """
            requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
            cost_usd, unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen""";

    static final String STATEMENT = """
            WITH input AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
                    ?::bigint[], ?::bigint[], ?::bigint[], ?::numeric[], ?::boolean[], ?::text[], ?::text[])
                    AS t(tenant, id, event_time, provider, model, input_tokens, cached_input_tokens, cache_write_tokens,
                         output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref)
            ),
            new_keys AS (
                INSERT INTO usage_event_key (tenant, id, fingerprint, event_time)
                SELECT tenant, id, decode(md5(id), 'hex'), event_time FROM input ORDER BY tenant, id
                ON CONFLICT (tenant, id, generation) DO NOTHING
                RETURNING tenant, id
            ),
            fresh AS (
                SELECT i.*, 'chat'::text AS endpoint, 'success'::text AS status
                FROM input i JOIN new_keys k ON k.tenant = i.tenant AND k.id = i.id
            ),
            stored AS (
                INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, status, input_tokens,
                    cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref)
                SELECT tenant, id, event_time, provider, model, endpoint, status, input_tokens, cached_input_tokens,
                    cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref
                FROM fresh
            ),
            %s
            SELECT clock_timestamp() AS written_at, (SELECT count(*) FROM new_keys) AS persisted
            """.formatted(Stream.of(
            full("r15", "usage_rollup_15m", QUARTER), full("r1h", "usage_rollup_1h", HOUR), full("r1d", "usage_rollup_1d", DAY),
            dims("d15", "usage_dim_rollup_15m", QUARTER, ""), dims("d1h", "usage_dim_rollup_1h", HOUR, ""),
            dims("d1d", "usage_dim_rollup_1d", DAY, ", ('user', '')"))
            .collect(Collectors.joining(",\n")));

    private IngestLikeWriter() {
    }

    private static String full(String name, String table, String bucket) {
        return """
                %s AS (
                    INSERT INTO %s AS r (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier, %s)
                    SELECT tenant, %s, provider, model, endpoint, '', '', status, 'standard', %s
                    FROM fresh GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
                    ON CONFLICT (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier) DO UPDATE SET %s
                )""".formatted(name, table, COLUMNS, bucket, SUMS, MERGE);
    }

    /** {@code more}: further (dim, value) rows of the level, as the daily level's users (V25; these events have none). */
    private static String dims(String name, String table, String bucket, String more) {
        return """
                %s AS (
                    INSERT INTO %s AS r (tenant, dim, bucket_start, value, status, %s)
                    SELECT tenant, d.dim, %s, d.value, status, %s
                    FROM fresh CROSS JOIN LATERAL (VALUES ('', ''), ('provider', provider), ('model', model),
                        ('endpoint', endpoint), ('project', ''), ('api_key', ''), ('service_tier', 'standard')%s) AS d(dim, value)
                    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                    ON CONFLICT (tenant, dim, bucket_start, value, status) DO UPDATE SET %s
                )""".formatted(name, table, COLUMNS, bucket, SUMS, more, MERGE);
    }

    /** Takes the tenants' rollup locks shared: the first statement of a batch's transaction. */
    static final String LOCK_TENANTS = "SELECT lock_tenant_rollups_shared(?::text[])";

    /** Writes one batch in one transaction; answers the database clock at the end of the storing statement. */
    static Instant write(Connection connection, List<Priced> batch) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            lockTenants(connection, batch);
            Instant writtenAt = store(connection, batch);
            connection.commit();
            return writtenAt;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The first statement of a batch's transaction (the connection must not be in autocommit). */
    static void lockTenants(Connection connection, List<Priced> batch) throws SQLException {
        try (var statement = connection.prepareStatement(LOCK_TENANTS)) {
            statement.setArray(1, array(connection, "text", batch, p -> p.event().tenant()));
            statement.execute();
        }
    }

    /** The storing statement, in the caller's transaction; answers the database clock at its end. */
    static Instant store(Connection connection, List<Priced> batch) throws SQLException {
        try (var statement = connection.prepareStatement(STATEMENT)) {
            int i = 0;
            statement.setArray(++i, array(connection, "text", batch, p -> p.event().tenant()));
            statement.setArray(++i, array(connection, "text", batch, p -> p.event().id()));
            statement.setArray(++i, connection.createArrayOf("timestamptz",
                    batch.stream().map(p -> Timestamp.from(p.event().time())).toArray()));
            statement.setArray(++i, array(connection, "text", batch, p -> p.event().provider()));
            statement.setArray(++i, array(connection, "text", batch, p -> p.event().model()));
            statement.setArray(++i, longs(connection, batch, Usage::inputTokens));
            statement.setArray(++i, longs(connection, batch, Usage::cachedInputTokens));
            statement.setArray(++i, longs(connection, batch, Usage::cacheWriteTokens));
            statement.setArray(++i, longs(connection, batch, Usage::outputTokens));
            statement.setArray(++i, longs(connection, batch, Usage::reasoningTokens));
            statement.setArray(++i, connection.createArrayOf("numeric", batch.stream().map(p -> p.cost().usd()).toArray()));
            statement.setArray(++i, connection.createArrayOf("boolean", batch.stream().map(p -> p.cost().priced()).toArray()));
            statement.setArray(++i, array(connection, "text", batch, p -> p.cost().source().name().toLowerCase(Locale.ROOT)));
            statement.setArray(++i, array(connection, "text", batch, p -> p.cost().reference()));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getTimestamp("written_at").toInstant();
            }
        }
    }

    static UsageEvent event(String tenant, String id, Instant time, String provider, String model, Usage usage,
            java.math.BigDecimal providerCost) {
        return new UsageEvent(id, tenant, time, provider, model, "chat", null, null, null, Status.SUCCESS, (EventError) null,
                null, usage, providerCost, Map.of());
    }

    private static java.sql.Array array(Connection c, String type, List<Priced> batch,
            java.util.function.Function<Priced, String> field) throws SQLException {
        return c.createArrayOf(type, batch.stream().map(field).toArray());
    }

    private static java.sql.Array longs(Connection c, List<Priced> batch, java.util.function.ToLongFunction<Usage> field)
            throws SQLException {
        return c.createArrayOf("bigint", batch.stream().map(p -> field.applyAsLong(p.event().usage())).toArray());
    }
}
