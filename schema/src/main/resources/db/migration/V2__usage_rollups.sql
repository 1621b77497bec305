-- Pre-aggregated usage. Every real UTC offset is a multiple of 15 minutes, so 15-minute UTC
-- buckets add up exactly to any local day, week or month in any IANA zone. The daily UTC rollup
-- answers the whole UTC days inside long ranges; the 15-minute rollup the edges.
-- Absent optional dimensions are stored as '' so they can be part of the key.
-- latency_hist: sparse {bucket: count} of dev.tokenmeter.latency.LatencyHistogram buckets.

CREATE FUNCTION latency_hist_merge(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(jsonb_object_agg(k, total), '{}'::jsonb)
    FROM (SELECT k, sum(v::bigint) AS total
          FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) e(k, v)
          GROUP BY k) s
$$;

CREATE AGGREGATE latency_hist_sum(jsonb) (
    SFUNC = latency_hist_merge,
    STYPE = jsonb,
    INITCOND = '{}'
);

CREATE TABLE usage_rollup_15m (
    tenant              text            NOT NULL,
    bucket_start        timestamptz     NOT NULL,
    provider            text            NOT NULL,
    model               text            NOT NULL,
    endpoint            text            NOT NULL,
    project             text            NOT NULL,
    api_key             text            NOT NULL,
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
    PRIMARY KEY (tenant, bucket_start, provider, model, endpoint, project, api_key, status)
);

CREATE TABLE usage_rollup_1d (LIKE usage_rollup_15m INCLUDING ALL);
