package dev.tokenmeter.ingest.store;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The single statement that stores a batch: dedup, raw events, conflicts and every rollup in one
 * round trip, atomic because it is one statement. Parameters are parallel arrays, one element per
 * event, in {@link Columns} order.
 *
 * <p>Data-modifying CTEs all see the snapshot taken before the statement, which the statement
 * relies on: {@code kept} reads the fingerprints that were stored before this batch, so only
 * events whose (tenant, id) was already known — or came earlier in the batch — count as
 * duplicates, and only those with another payload as conflicts. Inserts are ordered by key so
 * that concurrent batches lock rows in the same order and cannot deadlock.
 */
final class BatchSql {

    private BatchSql() {
    }

    private static final String QUARTER = "date_bin('15 minutes', event_time, timestamptz '2000-01-01 00:00:00+00')";
    private static final String HOUR = "date_trunc('hour', event_time, 'UTC')";
    private static final String DAY = "date_trunc('day', event_time, 'UTC')";

    static final String ROLLUP_COLUMNS = """
            requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
            cost_usd, unpriced_requests, latency_count, latency_sum_ms""";

    static final String STATEMENT = """
            WITH input AS (
                SELECT * FROM unnest(
                    $1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[],
                    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[],
                    $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[], $18::bigint[],
                    $19::numeric[], $20::boolean[], $21::text[], $22::text[], $23::jsonb[], $24::text[], $25::int[])
                    WITH ORDINALITY AS t(tenant, id, event_time, provider, model, endpoint,
                        project, api_key, user_id, status, error_type, error_message, latency_ms,
                        input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                        cost_usd, priced, cost_source, price_ref, tags, fingerprint_hex, latency_bucket, ord)
            ),
            firsts AS (
                SELECT DISTINCT ON (tenant, id) * FROM input ORDER BY tenant, id, ord
            ),
            new_keys AS (
                INSERT INTO usage_event_key (tenant, id, fingerprint, event_time)
                SELECT tenant, id, decode(fingerprint_hex, 'hex'), event_time FROM firsts ORDER BY tenant, id
                ON CONFLICT (tenant, id) DO NOTHING
                RETURNING tenant, id
            ),
            fresh AS (
                SELECT f.* FROM firsts f JOIN new_keys k ON k.tenant = f.tenant AND k.id = f.id
            ),
            stored AS (
                INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key,
                    user_id, status, error_type, error_message, latency_ms, input_tokens, cached_input_tokens,
                    cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags)
                SELECT tenant, id, event_time, provider, model, endpoint, project, api_key,
                    user_id, status, error_type, error_message, latency_ms, input_tokens, cached_input_tokens,
                    cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags
                FROM fresh
            ),
            kept AS (
                SELECT f.tenant, f.id, coalesce(k.fingerprint, decode(f.fingerprint_hex, 'hex')) AS fingerprint
                FROM firsts f LEFT JOIN usage_event_key k ON k.tenant = f.tenant AND k.id = f.id
            ),
            conflicting AS (
                SELECT i.*, kept.fingerprint AS kept_fingerprint
                FROM input i JOIN kept ON kept.tenant = i.tenant AND kept.id = i.id
                WHERE decode(i.fingerprint_hex, 'hex') <> kept.fingerprint
            ),
            conflicts AS (
                INSERT INTO usage_event_conflict (tenant, id, fingerprint, kept_fingerprint, payload)
                SELECT DISTINCT ON (tenant, id, fingerprint_hex) tenant, id, decode(fingerprint_hex, 'hex'), kept_fingerprint,
                    to_jsonb(c) - 'ord' - 'fingerprint_hex' - 'kept_fingerprint' - 'latency_bucket'
                FROM conflicting c ORDER BY tenant, id, fingerprint_hex
                ON CONFLICT (tenant, id, fingerprint) DO NOTHING
            ),
            %s
            SELECT (SELECT count(*) FROM new_keys) AS persisted,
                   (SELECT count(*) FROM input) - (SELECT count(*) FROM new_keys) AS duplicates,
                   (SELECT count(*) FROM conflicting) AS conflicting
            """.formatted(String.join(",\n", List.of(
                    full("rollup_15m", "usage_rollup_15m", QUARTER),
                    full("rollup_1h", "usage_rollup_1h", HOUR),
                    full("rollup_1d", "usage_rollup_1d", DAY),
                    dimensions("dim_rollup_15m", "usage_dim_rollup_15m", QUARTER),
                    dimensions("dim_rollup_1h", "usage_dim_rollup_1h", HOUR),
                    dimensions("dim_rollup_1d", "usage_dim_rollup_1d", DAY))));

    /** A rollup of every dimension. */
    private static String full(String name, String table, String bucket) {
        return rollup(name, table, "tenant, bucket_start, provider, model, endpoint, project, api_key, status",
                "tenant, " + bucket + " AS bucket_start, provider, model, endpoint, coalesce(project, '') AS project,"
                        + " coalesce(api_key, '') AS api_key, status",
                "fresh");
    }

    /** A one-dimension rollup: each event counts once per dimension, and once in the totals (dim ''). */
    private static String dimensions(String name, String table, String bucket) {
        return rollup(name, table, "tenant, dim, bucket_start, value, status",
                "tenant, d.dim, " + bucket + " AS bucket_start, d.value, status",
                "fresh CROSS JOIN LATERAL (VALUES ('', ''), ('provider', provider), ('model', model), ('endpoint', endpoint),"
                        + " ('project', coalesce(project, '')), ('api_key', coalesce(api_key, ''))) AS d(dim, value)");
    }

    /**
     * Adds the new events to one rollup table, merging into existing rows. {@code keys} are the
     * table's primary key columns in key order, which is also the insert order.
     */
    private static String rollup(String name, String table, String keys, String keySelect, String from) {
        int k = keys.split(",").length;
        String groupKeys = IntStream.rangeClosed(1, k).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return """
                %1$s AS (
                    INSERT INTO %2$s AS r (%3$s, %4$s, latency_hist, last_seen)
                    SELECT %3$s,
                        sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens),
                        sum(output_tokens), sum(reasoning_tokens), sum(cost_usd), sum(unpriced_requests),
                        sum(latency_count), sum(latency_sum_ms),
                        coalesce(jsonb_object_agg(latency_bucket::text, latency_count)
                            FILTER (WHERE latency_bucket IS NOT NULL), '{}'::jsonb),
                        max(last_seen)
                    FROM (
                        SELECT %5$s, latency_bucket,
                            count(*) AS requests, sum(input_tokens) AS input_tokens,
                            sum(cached_input_tokens) AS cached_input_tokens, sum(cache_write_tokens) AS cache_write_tokens,
                            sum(output_tokens) AS output_tokens, sum(reasoning_tokens) AS reasoning_tokens,
                            sum(cost_usd) AS cost_usd, count(*) FILTER (WHERE NOT priced) AS unpriced_requests,
                            count(latency_ms) AS latency_count, coalesce(sum(latency_ms), 0) AS latency_sum_ms,
                            max(event_time) AS last_seen
                        FROM %6$s
                        GROUP BY %7$s, %8$d
                    ) per_latency_bucket
                    GROUP BY %7$s
                    ORDER BY %7$s
                    ON CONFLICT (%3$s) DO UPDATE SET
                        requests = r.requests + excluded.requests,
                        input_tokens = r.input_tokens + excluded.input_tokens,
                        cached_input_tokens = r.cached_input_tokens + excluded.cached_input_tokens,
                        cache_write_tokens = r.cache_write_tokens + excluded.cache_write_tokens,
                        output_tokens = r.output_tokens + excluded.output_tokens,
                        reasoning_tokens = r.reasoning_tokens + excluded.reasoning_tokens,
                        cost_usd = r.cost_usd + excluded.cost_usd,
                        unpriced_requests = r.unpriced_requests + excluded.unpriced_requests,
                        latency_count = r.latency_count + excluded.latency_count,
                        latency_sum_ms = r.latency_sum_ms + excluded.latency_sum_ms,
                        latency_hist = latency_hist_merge(r.latency_hist, excluded.latency_hist),
                        last_seen = greatest(r.last_seen, excluded.last_seen)
                )""".formatted(name, table, keys, ROLLUP_COLUMNS, keySelect, from, groupKeys, k + 1);
    }
}
