-- The breakdown by user from a daily rollup: usage_dim_rollup_1d also holds rows with dim 'user' (value the
-- event's user, or '' for events without one, answered as null), written by ingest in the batch's transaction
-- as every other rollup row. Only the daily level: 15-minute and hourly rows of thousands of users would be
-- about as many as the raw events. A question about users reads the whole UTC days of its range from these
-- rows and the rest (under a day at each edge) from the raw events.
--
-- The daily rows by user (dim 'user', value the event's user or '' without one),
-- computed from the raw events of the UTC days [day_from, day_to), of one tenant or (p_tenant null) of all:
-- what ingest adds to that table per event. Used by rebuild_usage_rollups and by V25's backfill.
CREATE OR REPLACE FUNCTION usage_user_rollup_1d_of(p_tenant text, day_from timestamptz, day_to timestamptz)
    RETURNS TABLE (tenant text, bucket_start timestamptz, dim text, value text, status text, requests bigint,
                   input_tokens bigint, cached_input_tokens bigint, cache_write_tokens bigint, output_tokens bigint,
                   reasoning_tokens bigint, cost_usd numeric, unpriced_requests bigint, latency_count bigint,
                   latency_sum_ms bigint, latency_hist jsonb, last_seen timestamptz)
    LANGUAGE sql STABLE AS $$
    SELECT p.tenant, p.bucket_start, 'user', p.value, p.status,
           sum(p.requests)::bigint, sum(p.input_tokens)::bigint, sum(p.cached_input_tokens)::bigint,
           sum(p.cache_write_tokens)::bigint, sum(p.output_tokens)::bigint, sum(p.reasoning_tokens)::bigint, sum(p.cost_usd),
           sum(p.unpriced_requests)::bigint, sum(p.latency_count)::bigint, sum(p.latency_sum_ms)::bigint,
           coalesce(jsonb_object_agg(p.latency_bucket::text, p.latency_count) FILTER (WHERE p.latency_bucket IS NOT NULL),
                    '{}'::jsonb),
           max(p.last_seen)
    FROM (
        SELECT e.tenant, date_trunc('day', e.event_time, 'UTC') AS bucket_start, coalesce(e.user_id, '') AS value, e.status,
               latency_bucket(e.latency_ms) AS latency_bucket, count(*) AS requests,
               sum(e.input_tokens) AS input_tokens, sum(e.cached_input_tokens) AS cached_input_tokens,
               sum(e.cache_write_tokens) AS cache_write_tokens, sum(e.output_tokens) AS output_tokens,
               sum(e.reasoning_tokens) AS reasoning_tokens, sum(e.cost_usd) AS cost_usd,
               count(*) FILTER (WHERE NOT e.priced) AS unpriced_requests, count(e.latency_ms) AS latency_count,
               coalesce(sum(e.latency_ms), 0) AS latency_sum_ms, max(e.event_time) AS last_seen
        FROM usage_event e
        WHERE (p_tenant IS NULL OR e.tenant = p_tenant) AND e.event_time >= day_from AND e.event_time < day_to
        GROUP BY 1, 2, 3, 4, 5
    ) p
    GROUP BY 1, 2, 4, 5
$$;

-- Backfill of every day the rollups hold (a day whose rollups were purged gets no user rows): one pass over
-- usage_event (a sequential scan and a grouping by tenant, day, user, status and latency bucket). Stop the
-- previous ingest version before this migration runs: it does not write user rows, so a batch it commits
-- afterwards would be missing from them (rebuild_usage_rollups repairs such days). The lock makes batches
-- still in flight wait for the backfill rather than interleave with it.
LOCK TABLE usage_dim_rollup_1d IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO usage_dim_rollup_1d (tenant, bucket_start, dim, value, status,
    requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
    unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
SELECT u.* FROM usage_user_rollup_1d_of(NULL, '-infinity', 'infinity') u
WHERE EXISTS (SELECT 1 FROM usage_dim_rollup_1d t WHERE t.tenant = u.tenant AND t.dim = '' AND t.bucket_start = u.bucket_start);
