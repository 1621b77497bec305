-- Tenants' own prices (PUT /api/v1/prices): effective-dated like the built-in catalog and winning
-- over it for events at or after effective_from. Prices are USD per 1 000 000 tokens; a null
-- cached_input or cache_write falls back to input, a null reasoning to output (API.md §2).
-- provider and model are stored lower-cased: model names match case-insensitively.
CREATE TABLE price_override (
    tenant         text          NOT NULL,
    provider       text          NOT NULL CHECK (provider = lower(provider) AND provider <> ''),
    model          text          NOT NULL CHECK (model = lower(model) AND model <> ''),
    effective_from timestamptz   NOT NULL,
    input          numeric       NOT NULL CHECK (input >= 0),
    output         numeric       NOT NULL CHECK (output >= 0),
    cached_input   numeric       CHECK (cached_input >= 0),
    cache_write    numeric       CHECK (cache_write >= 0),
    reasoning      numeric       CHECK (reasoning >= 0),
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, provider, model, effective_from)
);

-- Ingest services LISTEN on this channel and reload a tenant's prices as soon as they change,
-- whoever changed them; they also reload periodically in case a notification was missed.
CREATE FUNCTION notify_price_override() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('price_override', coalesce(NEW.tenant, OLD.tenant));
    RETURN NULL;
END
$$;

CREATE TRIGGER price_override_changed AFTER INSERT OR UPDATE OR DELETE ON price_override
    FOR EACH ROW EXECUTE FUNCTION notify_price_override();

-- Re-pricing jobs (POST /api/v1/prices/reprice) and their progress (GET /api/v1/jobs/{id}).
CREATE TABLE pricing_job (
    id              text        PRIMARY KEY CHECK (id ~ '^job_[0-9a-f]{16}$'),
    tenant          text        NOT NULL,
    range_from      timestamptz NOT NULL,
    range_to        timestamptz NOT NULL CHECK (range_to > range_from),
    state           text        NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    events_total    bigint      NOT NULL DEFAULT 0,   -- the tenant's events in the range when the job started
    events_done     bigint      NOT NULL DEFAULT 0,   -- events examined so far
    events_repriced bigint      NOT NULL DEFAULT 0,   -- events whose cost changed
    days_total      integer     NOT NULL DEFAULT 0,
    days_done       integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    heartbeat_at    timestamptz,                      -- last sign of life of the running job
    finished_at     timestamptz,
    error           text
);

CREATE INDEX pricing_job_tenant_created ON pricing_job (tenant, created_at DESC);
CREATE INDEX pricing_job_unfinished ON pricing_job (state) WHERE state IN ('queued', 'running');

-- Unpriced models per tenant are read from raw events: this keeps that scan to the unpriced rows.
CREATE INDEX usage_event_unpriced ON usage_event (tenant, provider, model) WHERE NOT priced;

-- The tenant-scoped twin of rebuild_usage_rollups(from, to): recomputes every rollup row of ONE
-- tenant for the UTC days touching [from_time, to_time) from its raw events. Like the all-tenant
-- version it first takes SHARE ROW EXCLUSIVE on every rollup table, which conflicts with the ROW
-- EXCLUSIVE lock the ingest batch statement takes on them when it starts (before its snapshot): the
-- rebuild waits for batches in flight to commit, and new batches wait for the rebuild's transaction
-- to end. Each statement below runs with a snapshot taken after the lock, so every event is either
-- already in the raw rows it sums, or arrives later and is added to the rebuilt rows by ingest —
-- never both, never neither. Other tenants' rows are left untouched.
CREATE FUNCTION rebuild_usage_rollups(p_tenant text, from_time timestamptz, to_time timestamptz) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    day_from timestamptz := date_trunc('day', from_time, 'UTC');
    day_to   timestamptz := date_trunc('day', to_time - interval '1 microsecond', 'UTC') + interval '1 day';
    rows     bigint;
    level    record;
BEGIN
    LOCK TABLE usage_rollup_15m, usage_rollup_1h, usage_rollup_1d,
               usage_dim_rollup_15m, usage_dim_rollup_1h, usage_dim_rollup_1d IN SHARE ROW EXCLUSIVE MODE;
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
