-- Narrower rollups so that common questions read few rows at any data size:
--  * usage_rollup_1h: all dimensions by UTC hour, for the whole hours inside a requested bucket
--    (local days in whole-hour zones are whole UTC hours);
--  * usage_dim_rollup_{15m,1h,1d}: one dimension at a time — dim is 'provider', 'model',
--    'endpoint', 'project' or 'api_key' with its value, or '' with value '' for the tenant's
--    totals — so a breakdown, a one-dimension filter or an unfiltered summary reads one row per
--    bucket, status and value instead of one per combination of every dimension.
-- The query service picks the narrowest table that holds the dimensions a question needs.

CREATE TABLE usage_rollup_1h (LIKE usage_rollup_15m INCLUDING ALL);

CREATE TABLE usage_dim_rollup_15m (
    tenant              text            NOT NULL,
    bucket_start        timestamptz     NOT NULL,
    dim                 text            NOT NULL,
    value               text            NOT NULL,
    status              text            NOT NULL,
    requests            bigint          NOT NULL,
    input_tokens        bigint          NOT NULL,
    cached_input_tokens bigint          NOT NULL,
    cache_write_tokens  bigint          NOT NULL,
    output_tokens       bigint          NOT NULL,
    reasoning_tokens    bigint          NOT NULL,
    cost_usd            numeric(30, 12) NOT NULL,
    unpriced_requests   bigint          NOT NULL,
    latency_count       bigint          NOT NULL,
    latency_sum_ms      bigint          NOT NULL,
    latency_hist        jsonb           NOT NULL,
    last_seen           timestamptz     NOT NULL,
    PRIMARY KEY (tenant, dim, bucket_start, value, status)
);

CREATE TABLE usage_dim_rollup_1h (LIKE usage_dim_rollup_15m INCLUDING ALL);
CREATE TABLE usage_dim_rollup_1d (LIKE usage_dim_rollup_15m INCLUDING ALL);

-- Rebuild now covers every rollup: full rollups at 15m, 1h and 1d, and the one-dimension rollups.
CREATE OR REPLACE FUNCTION rebuild_usage_rollups(from_time timestamptz, to_time timestamptz) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    day_from timestamptz := date_trunc('day', from_time, 'UTC');
    day_to   timestamptz := date_trunc('day', to_time - interval '1 microsecond', 'UTC') + interval '1 day';
    rows     bigint;
    level    record;
BEGIN
    LOCK TABLE usage_rollup_15m, usage_rollup_1h, usage_rollup_1d,
               usage_dim_rollup_15m, usage_dim_rollup_1h, usage_dim_rollup_1d IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM usage_rollup_15m WHERE bucket_start >= day_from AND bucket_start < day_to;
    DELETE FROM usage_rollup_1h WHERE bucket_start >= day_from AND bucket_start < day_to;
    DELETE FROM usage_rollup_1d WHERE bucket_start >= day_from AND bucket_start < day_to;
    DELETE FROM usage_dim_rollup_15m WHERE bucket_start >= day_from AND bucket_start < day_to;
    DELETE FROM usage_dim_rollup_1h WHERE bucket_start >= day_from AND bucket_start < day_to;
    DELETE FROM usage_dim_rollup_1d WHERE bucket_start >= day_from AND bucket_start < day_to;
    CREATE TEMPORARY TABLE rollup_source ON COMMIT DROP AS
        SELECT tenant, date_bin('15 minutes', event_time, timestamptz '2000-01-01 00:00:00+00') AS bucket_start,
               provider, model, endpoint, coalesce(project, '') AS project, coalesce(api_key, '') AS api_key, status,
               latency_bucket(latency_ms) AS latency_bucket, count(*) AS requests,
               sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
               sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens,
               sum(reasoning_tokens) AS reasoning_tokens, sum(cost_usd) AS cost_usd,
               count(*) FILTER (WHERE NOT priced) AS unpriced_requests, count(latency_ms) AS latency_count,
               coalesce(sum(latency_ms), 0) AS latency_sum_ms, max(event_time) AS last_seen
        FROM usage_event WHERE event_time >= day_from AND event_time < day_to
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
    INSERT INTO usage_rollup_15m (tenant, bucket_start, provider, model, endpoint, project, api_key, status,
        requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
        unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
    SELECT tenant, bucket_start, provider, model, endpoint, project, api_key, status,
           sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
           sum(reasoning_tokens), sum(cost_usd), sum(unpriced_requests), sum(latency_count), sum(latency_sum_ms),
           coalesce(jsonb_object_agg(latency_bucket::text, latency_count) FILTER (WHERE latency_bucket IS NOT NULL), '{}'::jsonb),
           max(last_seen)
    FROM rollup_source GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
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
            FROM usage_rollup_15m WHERE bucket_start >= $1 AND bucket_start < $2
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8$sql$, level.target, level.unit) USING day_from, day_to;
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
            WHERE bucket_start >= $1 AND bucket_start < $2
            GROUP BY 1, 2, 3, 4, 5$sql$, level.target, level.source) USING day_from, day_to;
    END LOOP;
    RETURN rows;
END
$$;

-- Merging visits only the buckets of b (a batch's few new latencies), not every bucket of a.
CREATE OR REPLACE FUNCTION latency_hist_merge(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN b = '{}'::jsonb THEN a
                ELSE a || (SELECT jsonb_object_agg(key, value::bigint + coalesce((a ->> key)::bigint, 0))
                           FROM jsonb_each_text(b))
           END
$$;
