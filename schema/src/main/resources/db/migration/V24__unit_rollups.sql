-- The units totals as the token rollups hold theirs, so every question about units that the token
-- rollups answer — a breakdown by provider, model, endpoint, project, apiKey or serviceTier, a
-- filter on any of them or on status — is answered from rollups too, never from the raw events:
--  * usage_unit_rollup_{15m,1h,1d}: every dimension (as usage_rollup_*) and the unit;
--  * usage_unit_dim_rollup_{15m,1h,1d}: one dimension at a time (as usage_dim_rollup_*: dim is
--    'provider', 'model', 'endpoint', 'project', 'api_key' or 'service_tier' with its value, or ''
--    with value '' for the tenant's totals), status and the unit.
-- Absent optional dimensions are '' (answered as null). Only events that carry usage.units touch these
-- tables. User and tag questions, and a range's unaligned edges, read the raw events with units through
-- the partial index of V23, as the token answers read raw events for the same questions.
--
-- They replace V15's usage_unit_rollup_15m (tenant, bucket, unit only), whose rows are rebuilt below with
-- their dimensions from the raw events: units exist since V15, and raw events are kept far longer
-- (tokenmeter.retention.raw-events, at least the late window), so every unit ever stored is still there.
-- The previous ingest version writes the old table: stop it before this migration runs (an old instance
-- fails its batches with units until it is replaced; they are retried, not lost).
DROP TABLE usage_unit_rollup_15m;

CREATE TABLE usage_unit_rollup_15m (
    tenant            text            NOT NULL,
    bucket_start      timestamptz     NOT NULL,
    provider          text            NOT NULL,
    model             text            NOT NULL,
    endpoint          text            NOT NULL,
    project           text            NOT NULL,
    api_key           text            NOT NULL,
    status            text            NOT NULL,
    service_tier      text            NOT NULL,
    unit              text            NOT NULL,
    quantity          numeric(30, 0)  NOT NULL,
    cost_usd          numeric(30, 12) NOT NULL,
    unpriced_quantity numeric(30, 0)  NOT NULL,
    PRIMARY KEY (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier, unit)
) WITH (fillfactor = 70);

CREATE TABLE usage_unit_rollup_1h (LIKE usage_unit_rollup_15m INCLUDING ALL) WITH (fillfactor = 70);
CREATE TABLE usage_unit_rollup_1d (LIKE usage_unit_rollup_15m INCLUDING ALL) WITH (fillfactor = 70);

CREATE TABLE usage_unit_dim_rollup_15m (
    tenant            text            NOT NULL,
    bucket_start      timestamptz     NOT NULL,
    dim               text            NOT NULL,
    value             text            NOT NULL,
    status            text            NOT NULL,
    unit              text            NOT NULL,
    quantity          numeric(30, 0)  NOT NULL,
    cost_usd          numeric(30, 12) NOT NULL,
    unpriced_quantity numeric(30, 0)  NOT NULL,
    PRIMARY KEY (tenant, dim, bucket_start, value, status, unit)
) WITH (fillfactor = 70);

CREATE TABLE usage_unit_dim_rollup_1h (LIKE usage_unit_dim_rollup_15m INCLUDING ALL) WITH (fillfactor = 70);
CREATE TABLE usage_unit_dim_rollup_1d (LIKE usage_unit_dim_rollup_15m INCLUDING ALL) WITH (fillfactor = 70);

-- Backfill from the raw events with units (what rebuild_usage_rollups writes, for every tenant and day):
-- one pass over those events through V23's partial index, about a second per 100 000 such events;
-- events without units are not read. Ingest of this version is not running yet, and the tables are new,
-- so no lock is needed.
INSERT INTO usage_unit_rollup_15m (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,
    unit, quantity, cost_usd, unpriced_quantity)
SELECT e.tenant, date_bin('15 minutes', e.event_time, timestamptz '2000-01-01 00:00:00+00'), e.provider,
       coalesce(e.model, ''), e.endpoint, coalesce(e.project, ''), coalesce(e.api_key, ''), e.status, e.service_tier, u.key,
       sum(u.value::numeric), coalesce(sum((e.unit_costs ->> u.key)::numeric), 0),
       coalesce(sum(u.value::numeric) FILTER (WHERE NOT coalesce(e.unit_costs ? u.key, false)), 0)
FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)
WHERE e.units IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

INSERT INTO usage_unit_rollup_1h (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,
    unit, quantity, cost_usd, unpriced_quantity)
SELECT tenant, date_trunc('hour', bucket_start, 'UTC'), provider, model, endpoint, project, api_key, status, service_tier,
       unit, sum(quantity), sum(cost_usd), sum(unpriced_quantity)
FROM usage_unit_rollup_15m GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

INSERT INTO usage_unit_rollup_1d (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,
    unit, quantity, cost_usd, unpriced_quantity)
SELECT tenant, date_trunc('day', bucket_start, 'UTC'), provider, model, endpoint, project, api_key, status, service_tier,
       unit, sum(quantity), sum(cost_usd), sum(unpriced_quantity)
FROM usage_unit_rollup_15m GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

INSERT INTO usage_unit_dim_rollup_15m (tenant, bucket_start, dim, value, status, unit, quantity, cost_usd, unpriced_quantity)
SELECT tenant, bucket_start, d.dim, d.value, status, unit, sum(quantity), sum(cost_usd), sum(unpriced_quantity)
FROM usage_unit_rollup_15m r
CROSS JOIN LATERAL (VALUES ('', ''), ('provider', r.provider), ('model', r.model), ('endpoint', r.endpoint),
                           ('project', r.project), ('api_key', r.api_key), ('service_tier', r.service_tier)) AS d(dim, value)
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_unit_dim_rollup_1h (tenant, bucket_start, dim, value, status, unit, quantity, cost_usd, unpriced_quantity)
SELECT tenant, bucket_start, d.dim, d.value, status, unit, sum(quantity), sum(cost_usd), sum(unpriced_quantity)
FROM usage_unit_rollup_1h r
CROSS JOIN LATERAL (VALUES ('', ''), ('provider', r.provider), ('model', r.model), ('endpoint', r.endpoint),
                           ('project', r.project), ('api_key', r.api_key), ('service_tier', r.service_tier)) AS d(dim, value)
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO usage_unit_dim_rollup_1d (tenant, bucket_start, dim, value, status, unit, quantity, cost_usd, unpriced_quantity)
SELECT tenant, bucket_start, d.dim, d.value, status, unit, sum(quantity), sum(cost_usd), sum(unpriced_quantity)
FROM usage_unit_rollup_1d r
CROSS JOIN LATERAL (VALUES ('', ''), ('provider', r.provider), ('model', r.model), ('endpoint', r.endpoint),
                           ('project', r.project), ('api_key', r.api_key), ('service_tier', r.service_tier)) AS d(dim, value)
GROUP BY 1, 2, 3, 4, 5, 6;
