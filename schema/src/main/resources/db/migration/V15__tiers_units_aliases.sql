-- Issue 21: service tiers, non-token units, calls without a model, provider aliases (API.md §4).
-- Every statement here is metadata-only or touches small tables, so no long lock on a large table:
-- ADD COLUMN with a constant default and DROP NOT NULL do not rewrite or scan a table (PG >= 11).
-- The rollup tables' new primary keys (service_tier in the key) are built CONCURRENTLY in V16.

-- Raw events: the billing tier (existing rows are 'standard'), the units ({name: quantity}, null when
-- none), what each priced unit cost ({name: usd}; a unit missing there had no price), and an optional model.
ALTER TABLE usage_event ADD COLUMN service_tier text NOT NULL DEFAULT 'standard';
ALTER TABLE usage_event ADD COLUMN units jsonb;
ALTER TABLE usage_event ADD COLUMN unit_costs jsonb;
ALTER TABLE usage_event ALTER COLUMN model DROP NOT NULL;

-- Full rollups carry the tier; a call without a model is rolled up under model '' (like every absent
-- optional dimension) and answered as null.
ALTER TABLE usage_rollup_15m ADD COLUMN service_tier text NOT NULL DEFAULT 'standard';
ALTER TABLE usage_rollup_1h ADD COLUMN service_tier text NOT NULL DEFAULT 'standard';
ALTER TABLE usage_rollup_1d ADD COLUMN service_tier text NOT NULL DEFAULT 'standard';

-- The one-dimension rollups gain dim 'service_tier'. Every existing row is 'standard': copy each
-- tenant's totals rows ('' dimension) as its 'service_tier' = 'standard' rows, so a breakdown by tier
-- covers the past too. Plain INSERTs under ROW EXCLUSIVE: ingest goes on meanwhile.
INSERT INTO usage_dim_rollup_15m (tenant, bucket_start, dim, value, status, requests, input_tokens, cached_input_tokens,
    cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, unpriced_requests, latency_count, latency_sum_ms,
    latency_hist, last_seen)
SELECT tenant, bucket_start, 'service_tier', 'standard', status, requests, input_tokens, cached_input_tokens,
       cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, unpriced_requests, latency_count, latency_sum_ms,
       latency_hist, last_seen
FROM usage_dim_rollup_15m WHERE dim = '';
INSERT INTO usage_dim_rollup_1h (tenant, bucket_start, dim, value, status, requests, input_tokens, cached_input_tokens,
    cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, unpriced_requests, latency_count, latency_sum_ms,
    latency_hist, last_seen)
SELECT tenant, bucket_start, 'service_tier', 'standard', status, requests, input_tokens, cached_input_tokens,
       cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, unpriced_requests, latency_count, latency_sum_ms,
       latency_hist, last_seen
FROM usage_dim_rollup_1h WHERE dim = '';
INSERT INTO usage_dim_rollup_1d (tenant, bucket_start, dim, value, status, requests, input_tokens, cached_input_tokens,
    cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, unpriced_requests, latency_count, latency_sum_ms,
    latency_hist, last_seen)
SELECT tenant, bucket_start, 'service_tier', 'standard', status, requests, input_tokens, cached_input_tokens,
       cache_write_tokens, output_tokens, reasoning_tokens, cost_usd, unpriced_requests, latency_count, latency_sum_ms,
       latency_hist, last_seen
FROM usage_dim_rollup_1d WHERE dim = '';

-- Units totals, narrow and apart from the token rollups: only events that carry usage.units touch it.
-- quantity counts every unit sent; cost_usd is what the unit prices gave; unpriced_quantity is the part
-- no price covered (never priced at $0 silently). Per UTC 15 minutes, additive like every rollup.
CREATE TABLE usage_unit_rollup_15m (
    tenant            text            NOT NULL,
    bucket_start      timestamptz     NOT NULL,
    unit              text            NOT NULL,
    quantity          numeric(30, 0)  NOT NULL,
    cost_usd          numeric(30, 12) NOT NULL,
    unpriced_quantity numeric(30, 0)  NOT NULL,
    PRIMARY KEY (tenant, bucket_start, unit)
);

-- Tenants' own prices may now be per service tier and per unit, and may price calls without a model
-- by provider + endpoint (model '' and the endpoint named; endpoint '' for a model's price).
ALTER TABLE price_override ADD COLUMN endpoint text NOT NULL DEFAULT '';
ALTER TABLE price_override ADD COLUMN service_tiers jsonb;
ALTER TABLE price_override ADD COLUMN units jsonb;
ALTER TABLE price_override DROP CONSTRAINT price_override_model_check;
ALTER TABLE price_override ADD CONSTRAINT price_override_model_check
    CHECK (model = lower(model) AND (model <> '' OR endpoint <> ''));
ALTER TABLE price_override DROP CONSTRAINT price_override_pkey;
ALTER TABLE price_override ADD PRIMARY KEY (tenant, provider, model, endpoint, effective_from);

-- Provider aliases per tenant (a tenant may say 'my-proxy' means 'openai'), on top of the built-in
-- ones. A change notifies the ingest services on the tenant-prices channel: they reload the tenant.
CREATE TABLE provider_alias (
    tenant     text        NOT NULL,
    alias      text        NOT NULL CHECK (alias = lower(alias) AND alias <> ''),
    provider   text        NOT NULL CHECK (provider = lower(provider) AND provider <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, alias)
);

CREATE TRIGGER provider_alias_changed AFTER INSERT OR UPDATE OR DELETE ON provider_alias
    FOR EACH ROW EXECUTE FUNCTION notify_price_override();

-- The tenant rebuild (re-pricing) keys rows by tier too, and rebuilds the units totals.
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
                                       ('usage_dim_rollup_15m'), ('usage_dim_rollup_1h'), ('usage_dim_rollup_1d'),
                                       ('usage_unit_rollup_15m')) AS l(target) LOOP
        EXECUTE format('DELETE FROM %I WHERE tenant = $1 AND bucket_start >= $2 AND bucket_start < $3', level.target)
            USING p_tenant, day_from, day_to;
    END LOOP;
    INSERT INTO usage_rollup_15m (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,
        requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
        unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
    SELECT tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,
           sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
           sum(reasoning_tokens), sum(cost_usd), sum(unpriced_requests), sum(latency_count), sum(latency_sum_ms),
           coalesce(jsonb_object_agg(latency_bucket::text, latency_count) FILTER (WHERE latency_bucket IS NOT NULL), '{}'::jsonb),
           max(last_seen)
    FROM (
        SELECT tenant, date_bin('15 minutes', event_time, timestamptz '2000-01-01 00:00:00+00') AS bucket_start,
               provider, coalesce(model, '') AS model, endpoint, coalesce(project, '') AS project,
               coalesce(api_key, '') AS api_key, status, service_tier,
               latency_bucket(latency_ms) AS latency_bucket, count(*) AS requests,
               sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
               sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens,
               sum(reasoning_tokens) AS reasoning_tokens, sum(cost_usd) AS cost_usd,
               count(*) FILTER (WHERE NOT priced) AS unpriced_requests, count(latency_ms) AS latency_count,
               coalesce(sum(latency_ms), 0) AS latency_sum_ms, max(event_time) AS last_seen
        FROM usage_event
        WHERE tenant = p_tenant AND event_time >= day_from AND event_time < day_to
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ) per_latency_bucket
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
    GET DIAGNOSTICS rows = ROW_COUNT;
    FOR level IN SELECT * FROM (VALUES ('usage_rollup_1h', 'hour'), ('usage_rollup_1d', 'day')) AS l(target, unit) LOOP
        EXECUTE format($sql$
            INSERT INTO %I (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,
                requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
                unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
            SELECT tenant, date_trunc(%L, bucket_start, 'UTC'), provider, model, endpoint, project, api_key, status, service_tier,
                   sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
                   sum(reasoning_tokens), sum(cost_usd), sum(unpriced_requests), sum(latency_count), sum(latency_sum_ms),
                   latency_hist_sum(latency_hist), max(last_seen)
            FROM usage_rollup_15m WHERE tenant = $1 AND bucket_start >= $2 AND bucket_start < $3
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9$sql$, level.target, level.unit) USING p_tenant, day_from, day_to;
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
                                       ('project', r.project), ('api_key', r.api_key),
                                       ('service_tier', r.service_tier)) AS d(dim, value)
            WHERE tenant = $1 AND bucket_start >= $2 AND bucket_start < $3
            GROUP BY 1, 2, 3, 4, 5$sql$, level.target, level.source) USING p_tenant, day_from, day_to;
    END LOOP;
    INSERT INTO usage_unit_rollup_15m (tenant, bucket_start, unit, quantity, cost_usd, unpriced_quantity)
    SELECT e.tenant, date_bin('15 minutes', e.event_time, timestamptz '2000-01-01 00:00:00+00'), u.key,
           sum(u.value::numeric), coalesce(sum((e.unit_costs ->> u.key)::numeric), 0),
           coalesce(sum(u.value::numeric) FILTER (WHERE NOT coalesce(e.unit_costs ? u.key, false)), 0)
    FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)
    WHERE e.tenant = p_tenant AND e.event_time >= day_from AND e.event_time < day_to AND e.units IS NOT NULL
    GROUP BY 1, 2, 3;
    RETURN rows;
END
$$;

-- The all-tenant rebuild keeps its table locks and rebuilds tenant by tenant with the function above.
CREATE OR REPLACE FUNCTION rebuild_usage_rollups(from_time timestamptz, to_time timestamptz) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    day_from timestamptz := date_trunc('day', from_time, 'UTC');
    day_to   timestamptz := date_trunc('day', to_time - interval '1 microsecond', 'UTC') + interval '1 day';
    rows     bigint := 0;
    t        text;
BEGIN
    LOCK TABLE usage_rollup_15m, usage_rollup_1h, usage_rollup_1d, usage_dim_rollup_15m, usage_dim_rollup_1h,
               usage_dim_rollup_1d, usage_unit_rollup_15m IN SHARE ROW EXCLUSIVE MODE;
    FOR t IN SELECT DISTINCT tenant FROM usage_event WHERE event_time >= day_from AND event_time < day_to
             UNION SELECT DISTINCT tenant FROM usage_dim_rollup_1d WHERE dim = '' AND bucket_start >= day_from AND bucket_start < day_to LOOP
        rows := rows + rebuild_usage_rollups(t, from_time, to_time);
    END LOOP;
    RETURN rows;
END
$$;

-- Rollup retention covers the units totals too. CREATE OR REPLACE resets SECURITY DEFINER and the pinned
-- search_path that V13 gave every purge_ function: declared again here (V13's rule).
CREATE OR REPLACE FUNCTION purge_usage_rollups(keep interval, lock_wait interval DEFAULT NULL)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    horizon timestamptz := date_trunc('day', clock_timestamp() - keep, 'UTC');
    deleted bigint := 0;
    n       bigint;
    target  text;
BEGIN
    PERFORM set_lock_wait(lock_wait);
    horizon := advance_retention_horizon('rollups', horizon);
    FOREACH target IN ARRAY ARRAY['usage_rollup_15m', 'usage_rollup_1h', 'usage_rollup_1d',
                                  'usage_dim_rollup_15m', 'usage_dim_rollup_1h', 'usage_dim_rollup_1d',
                                  'usage_unit_rollup_15m'] LOOP
        EXECUTE format('DELETE FROM %I WHERE bucket_start < $1', target) USING horizon;
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + n;
    END LOOP;
    RETURN deleted;
END
$$;
