-- Re-pricing excludes ingest per tenant, not per table (tracker issue 17).
--
-- Before: the tenant-scoped rebuild_usage_rollups(tenant, from, to) (V7) took SHARE ROW EXCLUSIVE on
-- every rollup table, so one tenant's day rebuild held up every tenant's ingest batches until its
-- transaction ended. Now the exclusion is one advisory lock per tenant:
--
-- * tenant_rollup_lock_key(tenant) is THE key of a tenant's rollups (a 64-bit hash of the name,
--   computed in SQL by both sides, so no client has to agree with PostgreSQL's hash). Two tenants
--   whose keys collide merely wait for each other.
-- * An ingest batch's transaction calls lock_tenant_rollups_shared(tenants) as its FIRST statement:
--   the shared lock of each distinct tenant of the batch, in key order (so two batches and a rebuild
--   cannot wait for each other in a cycle). Shared locks do not exclude each other: batches still run
--   side by side.
-- * The rebuild takes the tenant's lock exclusively, then deletes and re-inserts that tenant's rows.
--   It waits for the batches holding the tenant's lock to commit; batches that ask later wait for the
--   rebuild's transaction to end. Every later statement of the rebuild (and of a batch) takes its
--   snapshot after its lock was granted, so a batch either committed before the rebuild (its events
--   are in the raw rows the rebuild sums, its increments are deleted with the old rows) or adds its
--   increments to the rebuilt rows, which do not contain its events: counted once, whatever the
--   interleaving. Other tenants' batches never wait.
--
-- The all-tenant rebuild_usage_rollups(from, to) (V6) keeps its table locks: it rewrites every
-- tenant's rows, and the batch statement's ROW EXCLUSIVE lock still orders it against ingest.
CREATE FUNCTION tenant_rollup_lock_key(p_tenant text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT hashtextextended(p_tenant, 0) $$;

CREATE FUNCTION lock_tenant_rollups_shared(p_tenant text[]) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    key bigint;
BEGIN
    FOR key IN SELECT DISTINCT tenant_rollup_lock_key(t) FROM unnest(p_tenant) AS t ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock_shared(key);
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION rebuild_usage_rollups(p_tenant text, from_time timestamptz, to_time timestamptz) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    day_from timestamptz := date_trunc('day', from_time, 'UTC');
    day_to   timestamptz := date_trunc('day', to_time - interval '1 microsecond', 'UTC') + interval '1 day';
    rows     bigint;
    level    record;
BEGIN
    PERFORM pg_advisory_xact_lock(tenant_rollup_lock_key(p_tenant));
    FOR level IN SELECT * FROM (VALUES ('usage_rollup_15m'), ('usage_rollup_1h'), ('usage_rollup_1d'),
                                       ('usage_dim_rollup_15m'), ('usage_dim_rollup_1h'), ('usage_dim_rollup_1d')) AS l(target) LOOP
        EXECUTE format('DELETE FROM %I WHERE tenant = $1 AND bucket_start >= $2 AND bucket_start < $3', level.target)
            USING p_tenant, day_from, day_to;
    END LOOP;
    INSERT INTO usage_rollup_15m (tenant, bucket_start, provider, model, endpoint, project, api_key, status,
        requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
        unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
    SELECT tenant, bucket_start, provider, model, endpoint, project, api_key, status,
           sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
           sum(reasoning_tokens), sum(cost_usd), sum(unpriced_requests), sum(latency_count), sum(latency_sum_ms),
           coalesce(jsonb_object_agg(latency_bucket::text, latency_count) FILTER (WHERE latency_bucket IS NOT NULL), '{}'::jsonb),
           max(last_seen)
    FROM (
        SELECT tenant, date_bin('15 minutes', event_time, timestamptz '2000-01-01 00:00:00+00') AS bucket_start,
               provider, model, endpoint, coalesce(project, '') AS project, coalesce(api_key, '') AS api_key, status,
               latency_bucket(latency_ms) AS latency_bucket, count(*) AS requests,
               sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
               sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens,
               sum(reasoning_tokens) AS reasoning_tokens, sum(cost_usd) AS cost_usd,
               count(*) FILTER (WHERE NOT priced) AS unpriced_requests, count(latency_ms) AS latency_count,
               coalesce(sum(latency_ms), 0) AS latency_sum_ms, max(event_time) AS last_seen
        FROM usage_event
        WHERE tenant = p_tenant AND event_time >= day_from AND event_time < day_to
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ) per_latency_bucket
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    GET DIAGNOSTICS rows = ROW_COUNT;
    FOR level IN SELECT * FROM (VALUES ('usage_rollup_1h', 'hour'), ('usage_rollup_1d', 'day')) AS l(target, unit) LOOP
        EXECUTE format($sql$
            INSERT INTO %I (tenant, bucket_start, provider, model, endpoint, project, api_key, status,
                requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
                unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
            SELECT tenant, date_trunc(%L, bucket_start, 'UTC'), provider, model, endpoint, project, api_key, status,
                   sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
                   sum(reasoning_tokens), sum(cost_usd), sum(unpriced_requests), sum(latency_count), sum(latency_sum_ms),
                   latency_hist_sum(latency_hist), max(last_seen)
            FROM usage_rollup_15m WHERE tenant = $1 AND bucket_start >= $2 AND bucket_start < $3
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8$sql$, level.target, level.unit) USING p_tenant, day_from, day_to;
    END LOOP;
    FOR level IN SELECT * FROM (VALUES ('usage_dim_rollup_15m', 'usage_rollup_15m'), ('usage_dim_rollup_1h', 'usage_rollup_1h'),
                                       ('usage_dim_rollup_1d', 'usage_rollup_1d')) AS l(target, source) LOOP
        EXECUTE format($sql$
            INSERT INTO %I (tenant, bucket_start, dim, value, status,
                requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
                unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
            SELECT tenant, bucket_start, d.dim, d.value, status,
                   sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
                   sum(reasoning_tokens), sum(cost_usd), sum(unpriced_requests), sum(latency_count), sum(latency_sum_ms),
                   latency_hist_sum(latency_hist), max(last_seen)
            FROM %I r
            CROSS JOIN LATERAL (VALUES ('', ''), ('provider', r.provider), ('model', r.model), ('endpoint', r.endpoint),
                                       ('project', r.project), ('api_key', r.api_key)) AS d(dim, value)
            WHERE tenant = $1 AND bucket_start >= $2 AND bucket_start < $3
            GROUP BY 1, 2, 3, 4, 5$sql$, level.target, level.source) USING p_tenant, day_from, day_to;
    END LOOP;
    RETURN rows;
END
$$;
