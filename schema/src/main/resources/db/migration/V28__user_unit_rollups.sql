-- The units by user from a daily rollup, as V25 did for the token figures: usage_unit_dim_rollup_1d also holds
-- rows with dim 'user' (value the event's user, or '' for events without one, answered as null), written by
-- ingest in the batch's transaction as every other units rollup row. Only the daily level, as V25's. A question
-- about users alone reads the whole UTC days of its range from these rows and the rest (under a day at each
-- edge) from the raw events with units.
--
-- The daily units rows by user (dim 'user', value the event's user or '' without one), computed from the raw
-- events with units (V23's partial index) of the UTC days [day_from, day_to), of one tenant or (p_tenant null)
-- of all: what ingest adds to that table per event and unit. Used by rebuild_usage_rollups and by the backfill below.
CREATE OR REPLACE FUNCTION usage_user_unit_rollup_1d_of(p_tenant text, day_from timestamptz, day_to timestamptz)
    RETURNS TABLE (tenant text, bucket_start timestamptz, dim text, value text, status text, unit text,
                   quantity numeric, cost_usd numeric, unpriced_quantity numeric)
    LANGUAGE sql STABLE AS $$
    SELECT e.tenant, date_trunc('day', e.event_time, 'UTC'), 'user', coalesce(e.user_id, ''), e.status, u.key,
           sum(u.value::numeric), coalesce(sum((e.unit_costs ->> u.key)::numeric), 0),
           coalesce(sum(u.value::numeric) FILTER (WHERE NOT coalesce(e.unit_costs ? u.key, false)), 0)
    FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)
    WHERE (p_tenant IS NULL OR e.tenant = p_tenant) AND e.event_time >= day_from AND e.event_time < day_to
      AND e.units IS NOT NULL
    GROUP BY 1, 2, 4, 5, 6
$$;

-- Backfill of every day the rollups hold (a day whose rollups were purged gets no user rows): one pass over the
-- events with units. Stop the previous ingest version before this migration runs: it does not write these rows,
-- so a batch it commits afterwards would be missing from them (rebuild_usage_rollups repairs such days). The lock
-- makes batches still in flight wait for the backfill rather than interleave with it.
LOCK TABLE usage_unit_dim_rollup_1d IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO usage_unit_dim_rollup_1d (tenant, bucket_start, dim, value, status, unit, quantity, cost_usd, unpriced_quantity)
SELECT u.* FROM usage_user_unit_rollup_1d_of(NULL, '-infinity', 'infinity') u
WHERE EXISTS (SELECT 1 FROM usage_dim_rollup_1d t WHERE t.tenant = u.tenant AND t.dim = '' AND t.bucket_start = u.bucket_start);
