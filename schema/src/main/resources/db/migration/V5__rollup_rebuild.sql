-- The latency bucket of dev.tokenmeter.latency.LatencyHistogram in SQL: the same integer lower
-- bounds (ceil(1.09^i)), so raw events and rollups bucket latencies identically.
CREATE FUNCTION latency_bucket(latency_ms integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT width_bucket(latency_ms, '{1,2,2,2,2,2,2,2,2,3,3,3,3,4,4,4,4,5,5,6,6,7,7,8,8,9,10,11,12,13,14,15,16,18,19,21,23,25,27,29,32,35,38,41,45,49,53,58,63,69,75,82,89,97,105,115,125,136,149,162,177,192,210,228,249,271,296,322,351,383,417,455,496,540,589,642,699,762,831,906,987,1076,1173,1278,1393,1518,1655,1804,1966,2143,2336,2546,2775,3025,3297,3594,3917,4270,4654,5073,5530,6027,6570,7161,7805,8508,9273,10108,11017,12009,13090,14268,15552,16951,18477,20140,21952,23928,26082,28429,30988,33776,36816,40130,43741,47678,51969,56646,61744,67301,73358,79960,87157,95001,103551,112870,123028,134101,146170,159325,173664,189294,206331,224900,245141,267204,291252,317465,346037,377180,411126,448128,488459,532420,580338,632568,689500,751554,819194,892922,973285,1060880,1156359,1260432,1373871,1497519,1632296,1779202,1939330,2113870,2304118,2511489,2737523,2983900,3252451,3545171}'::integer[])
$$;

-- Recomputes both rollups of the UTC days touching [from_time, to_time) from the raw events: the
-- repair and bulk-load path (backfills, re-pricing, benchmarks). Locks the rollups against
-- concurrent ingest while it runs, so no increment is lost or counted twice.
CREATE FUNCTION rebuild_usage_rollups(from_time timestamptz, to_time timestamptz) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    day_from timestamptz := date_trunc('day', from_time, 'UTC');
    day_to   timestamptz := date_trunc('day', to_time - interval '1 microsecond', 'UTC') + interval '1 day';
    rows     bigint;
BEGIN
    LOCK TABLE usage_rollup_15m, usage_rollup_1d IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM usage_rollup_15m WHERE bucket_start >= day_from AND bucket_start < day_to;
    DELETE FROM usage_rollup_1d WHERE bucket_start >= day_from AND bucket_start < day_to;
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
    INSERT INTO usage_rollup_1d (tenant, bucket_start, provider, model, endpoint, project, api_key, status,
        requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
        unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
    SELECT tenant, date_trunc('day', bucket_start, 'UTC'), provider, model, endpoint, project, api_key, status,
           sum(requests), sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
           sum(reasoning_tokens), sum(cost_usd), sum(unpriced_requests), sum(latency_count), sum(latency_sum_ms),
           latency_hist_sum(latency_hist), max(last_seen)
    FROM usage_rollup_15m WHERE bucket_start >= day_from AND bucket_start < day_to
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    RETURN rows;
END
$$;
