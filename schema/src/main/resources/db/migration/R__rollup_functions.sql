-- Every SQL function of the schema, in its current text (tracker issue 23, item 5). Flyway runs this
-- repeatable migration after the versioned ones whenever its text changes, so a function is changed
-- here, never in a new versioned migration: CREATE OR REPLACE of the same signature (a changed
-- signature needs a DROP FUNCTION in a versioned migration first). The versioned migrations that
-- created these functions (V1, V2, V5, V6, V7, V11, V13, V14, V15, V25, V28) stay as they were.
--
-- CREATE OR REPLACE keeps a function's owner and privileges but resets SECURITY DEFINER and SET
-- options to what the statement says: every ensure_, drop_ and purge_ function runs DDL at run time as
-- the schema's owner (V13), so each one declares SECURITY DEFINER and the pinned search_path here.
-- The rollup rebuilds stay SECURITY INVOKER (V13). RollupFunctionsMigrationIT checks that a fresh
-- database and one migrated from the previous schema end with the same definitions.

-- Merging visits only the buckets of b (a batch's few new latencies), not every bucket of a.
CREATE OR REPLACE FUNCTION latency_hist_merge(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN b = '{}'::jsonb THEN a
                ELSE a || (SELECT jsonb_object_agg(key, value::bigint + coalesce((a ->> key)::bigint, 0))
                           FROM jsonb_each_text(b))
           END
$$;

CREATE OR REPLACE AGGREGATE latency_hist_sum(jsonb) (
    SFUNC = latency_hist_merge,
    STYPE = jsonb,
    INITCOND = '{}'
);

-- The latency bucket of dev.tokenmeter.latency.LatencyHistogram in SQL: the same integer lower
-- bounds (ceil(1.09^i)), so raw events and rollups bucket latencies identically.
CREATE OR REPLACE FUNCTION latency_bucket(latency_ms integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT width_bucket(latency_ms, '{1,2,2,2,2,2,2,2,2,3,3,3,3,4,4,4,4,5,5,6,6,7,7,8,8,9,10,11,12,13,14,15,16,18,19,21,23,25,27,29,32,35,38,41,45,49,53,58,63,69,75,82,89,97,105,115,125,136,149,162,177,192,210,228,249,271,296,322,351,383,417,455,496,540,589,642,699,762,831,906,987,1076,1173,1278,1393,1518,1655,1804,1966,2143,2336,2546,2775,3025,3297,3594,3917,4270,4654,5073,5530,6027,6570,7161,7805,8508,9273,10108,11017,12009,13090,14268,15552,16951,18477,20140,21952,23928,26082,28429,30988,33776,36816,40130,43741,47678,51969,56646,61744,67301,73358,79960,87157,95001,103551,112870,123028,134101,146170,159325,173664,189294,206331,224900,245141,267204,291252,317465,346037,377180,411126,448128,488459,532420,580338,632568,689500,751554,819194,892922,973285,1060880,1156359,1260432,1373871,1497519,1632296,1779202,1939330,2113870,2304118,2511489,2737523,2983900,3252451,3545171}'::integer[])
$$;

-- Ingest services LISTEN on this channel and reload a tenant's prices as soon as they change,
-- whoever changed them; they also reload periodically in case a notification was missed.
CREATE OR REPLACE FUNCTION notify_price_override() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('price_override', coalesce(NEW.tenant, OLD.tenant));
    RETURN NULL;
END
$$;

-- Partitions and retention off the hot path. The ingest service's maintenance job calls the
-- functions below on a schedule (several instances may: every function is idempotent and
-- serialized by a lock); ingest itself only claims keys.
--
-- Every function that takes a lock_wait sets lock_timeout to it for the rest of its transaction,
-- so DDL that has to wait for busy tables fails fast and is retried at the next run instead of
-- queueing every writer and reader behind it. Call them in their own transaction.

CREATE OR REPLACE FUNCTION set_lock_wait(lock_wait interval) RETURNS void
    LANGUAGE sql AS $$
    SELECT set_config('lock_timeout', (ceil(extract(epoch FROM lock_wait) * 1000))::bigint || 'ms', true)
    WHERE lock_wait IS NOT NULL
$$;

-- Moves a kind of data's retention horizon (table retention_horizon, V11) forward, never back.
CREATE OR REPLACE FUNCTION advance_retention_horizon(p_data text, p_kept_from timestamptz) RETURNS timestamptz
    LANGUAGE sql AS $$
    INSERT INTO retention_horizon AS h (data, kept_from) VALUES (p_data, p_kept_from)
    ON CONFLICT (data) DO UPDATE SET kept_from = greatest(h.kept_from, excluded.kept_from), updated_at = now()
    RETURNING kept_from
$$;

-- ---------------------------------------------------------------------------------------------
-- usage_event: monthly partitions, created ahead, dropped whole.
--
-- CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE on usage_event, which waits for every
-- running query and batch and blocks all new ones meanwhile. CREATE TABLE (LIKE ...) followed by
-- ATTACH PARTITION takes only SHARE UPDATE EXCLUSIVE on usage_event (the indexes are created on
-- the empty table as it is attached), which neither ingest nor queries conflict with.
CREATE OR REPLACE FUNCTION ensure_usage_event_partitions(from_time timestamptz, to_time timestamptz, lock_wait interval DEFAULT NULL)
    RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
DECLARE
    first   timestamp := date_trunc('month', from_time AT TIME ZONE 'UTC');
    month   timestamp;
    name    text;
    created integer := 0;
BEGIN
    month := first;
    WHILE month < to_time AT TIME ZONE 'UTC' AND to_regclass('usage_event_' || to_char(month, 'YYYYMM')) IS NOT NULL LOOP
        month := month + interval '1 month';
    END LOOP;
    IF month >= to_time AT TIME ZONE 'UTC' THEN
        RETURN 0;  -- all there: no lock taken
    END IF;
    PERFORM set_lock_wait(lock_wait);
    -- What ATTACH takes anyway; it serializes callers, and taking a table lock brings in the catalog
    -- changes committed meanwhile, so to_regclass below sees a partition another caller just made
    -- (after an advisory lock it did not: two callers both created one).
    LOCK TABLE usage_event IN SHARE UPDATE EXCLUSIVE MODE;
    month := first;
    WHILE month < to_time AT TIME ZONE 'UTC' LOOP
        name := 'usage_event_' || to_char(month, 'YYYYMM');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I (LIKE usage_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
            EXECUTE format('ALTER TABLE usage_event ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                           name, month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        month := month + interval '1 month';
    END LOOP;
    RETURN created;
END
$$;

-- The start of a retention run of one kind of data: lock_wait for the rest of the transaction, and the
-- UTC midnight `keep` ago made the kind's horizon (never moved back); answers the horizon.
CREATE OR REPLACE FUNCTION start_retention(p_data text, keep interval, lock_wait interval) RETURNS timestamptz
    LANGUAGE sql AS $$
    SELECT set_lock_wait(lock_wait);
    SELECT advance_retention_horizon(p_data, date_trunc('day', clock_timestamp() - keep, 'UTC'))
$$;

-- Raw-event retention: moves the raw_events horizon to the UTC midnight `keep` ago and drops every
-- monthly partition whose every day lies before it (a metadata operation, no DELETE); also deletes
-- the recorded conflicting redeliveries detected before it. DROP takes ACCESS EXCLUSIVE on
-- usage_event: hence lock_wait. Answers how many partitions it dropped.
CREATE OR REPLACE FUNCTION drop_usage_event_partitions(keep interval, lock_wait interval DEFAULT NULL)
    RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
DECLARE
    horizon   timestamptz := start_retention('raw_events', keep, lock_wait);
    partition record;
    dropped   integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('usage_event_partitions'));
    FOR partition IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'usage_event'::regclass AND c.relname ~ '^usage_event_[0-9]{6}$'
          AND (to_date(right(c.relname, 6), 'YYYYMM') + interval '1 month') AT TIME ZONE 'UTC' <= horizon
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE %I', partition.relname);
        dropped := dropped + 1;
    END LOOP;
    DELETE FROM usage_event_conflict WHERE detected_at < horizon;
    RETURN dropped;
END
$$;

-- Rollup retention: deletes the rollup rows of every UTC day before the UTC midnight `keep` ago, in every
-- rollup table (token and units, every level), so a day is either whole in all of them or gone.
CREATE OR REPLACE FUNCTION purge_usage_rollups(keep interval, lock_wait interval DEFAULT NULL)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
DECLARE
    horizon timestamptz := start_retention('rollups', keep, lock_wait);
    deleted bigint := 0;
    n       bigint;
    target  text;
BEGIN
    FOREACH target IN ARRAY ARRAY['usage_rollup_15m', 'usage_rollup_1h', 'usage_rollup_1d',
                                  'usage_dim_rollup_15m', 'usage_dim_rollup_1h', 'usage_dim_rollup_1d',
                                  'usage_unit_rollup_15m', 'usage_unit_rollup_1h', 'usage_unit_rollup_1d',
                                  'usage_unit_dim_rollup_15m', 'usage_unit_dim_rollup_1h', 'usage_unit_dim_rollup_1d'] LOOP
        EXECUTE format('DELETE FROM %I WHERE bucket_start < $1', target) USING horizon;
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + n;
    END LOOP;
    RETURN deleted;
END
$$;

-- The current generation, for tools and tests that insert keys directly (the column default).
-- Ingest claims through claim_usage_event_keys, which is safe against a concurrent switch.
CREATE OR REPLACE FUNCTION current_usage_event_key_generation() RETURNS integer
    LANGUAGE sql STABLE AS $$
    SELECT generation FROM usage_event_key_generation WHERE ended_at IS NULL
$$;

-- Creates the partition of one key generation if it is missing (LIKE + ATTACH, see above).
CREATE OR REPLACE FUNCTION ensure_usage_event_key_partition(p_generation integer) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
DECLARE
    name text := 'usage_event_key_g' || p_generation;
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    LOCK TABLE usage_event_key IN SHARE UPDATE EXCLUSIVE MODE;  -- as in ensure_usage_event_partitions
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE usage_event_key INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
    EXECUTE format('ALTER TABLE usage_event_key ATTACH PARTITION %I FOR VALUES IN (%s)', name, p_generation);
    RETURN true;
END
$$;

-- Claims the keys of a batch's first occurrences (parallel arrays; ord is the 1-based position)
-- and answers, for each key that was known already, its position and the kept fingerprint (hex).
-- That fingerprint is read from the snapshot the look-up statement started with, so it is null
-- when a concurrent writer claimed the key in the current generation meanwhile. Takes the
-- generation lock shared until the caller's transaction ends (see above).
--
-- Planned for each call's arrays (plan_cache_mode): a generic plan assumes 10 keys and joined
-- 2000 claimed keys with 1800 new ones in a nested loop, 1.2 s instead of 60 ms per batch.
CREATE OR REPLACE FUNCTION claim_usage_event_keys(p_tenant text[], p_id text[], p_fingerprint_hex text[], p_event_time timestamptz[])
    RETURNS TABLE (claimed_ord bigint, claimed_kept_hex text)
    LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    current_generation integer;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtext('usage_event_key_generation'));
    -- A volatile function's statements each take a fresh snapshot: this one sees a switch that
    -- committed while the lock was awaited.
    SELECT generation INTO STRICT current_generation FROM usage_event_key_generation WHERE ended_at IS NULL;
    RETURN QUERY
    WITH firsts AS (
        SELECT * FROM unnest(p_tenant, p_id, p_fingerprint_hex, p_event_time)
            WITH ORDINALITY AS t(tenant, id, fingerprint_hex, event_time, ord)
    ),
    earlier AS (
        SELECT f.ord, e.fingerprint
        FROM firsts f CROSS JOIN LATERAL (
            SELECT k.fingerprint FROM usage_event_key k
            WHERE k.tenant = f.tenant AND k.id = f.id AND k.generation < current_generation
            LIMIT 1) e
    ),
    new_keys AS (
        INSERT INTO usage_event_key (tenant, id, generation, fingerprint, event_time)
        SELECT f.tenant, f.id, current_generation, decode(f.fingerprint_hex, 'hex'), f.event_time
        FROM firsts f
        WHERE NOT EXISTS (SELECT 1 FROM earlier e WHERE e.ord = f.ord)
        ORDER BY f.tenant, f.id
        ON CONFLICT (tenant, id, generation) DO NOTHING
        RETURNING usage_event_key.tenant, usage_event_key.id
    )
    -- A key known in the current generation is looked up by itself, through the primary key: a join
    -- of every claimed key with the partition read the whole generation (a hash of a sequential
    -- scan, or a merge along the whole index) per batch, for the few redeliveries among its keys.
    SELECT f.ord, encode(coalesce(e.fingerprint,
               (SELECT k.fingerprint FROM usage_event_key k
                WHERE k.tenant = f.tenant AND k.id = f.id AND k.generation = current_generation)), 'hex')
    FROM firsts f
    LEFT JOIN earlier e ON e.ord = f.ord
    WHERE NOT EXISTS (SELECT 1 FROM new_keys n WHERE n.tenant = f.tenant AND n.id = f.id);
END
$$;

-- Starts a new generation when the current one is `period` old; creates the next generation's
-- partition ahead either way. Answers the current generation. The switch waits for the claims in
-- flight (at most lock_wait; a timeout leaves everything as it was, for the next run).
CREATE OR REPLACE FUNCTION rotate_usage_event_keys(period interval, lock_wait interval DEFAULT NULL)
    RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    cur usage_event_key_generation;
BEGIN
    PERFORM set_lock_wait(lock_wait);
    SELECT * INTO STRICT cur FROM usage_event_key_generation WHERE ended_at IS NULL;
    PERFORM ensure_usage_event_key_partition(cur.generation + 1);
    IF cur.started_at > clock_timestamp() - period THEN
        RETURN cur.generation;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('usage_event_key_generation'));
    SELECT * INTO STRICT cur FROM usage_event_key_generation WHERE ended_at IS NULL;
    IF cur.started_at > clock_timestamp() - period THEN
        RETURN cur.generation;  -- another instance switched meanwhile
    END IF;
    UPDATE usage_event_key_generation SET ended_at = clock_timestamp() WHERE generation = cur.generation;
    INSERT INTO usage_event_key_generation (generation, started_at) VALUES (cur.generation + 1, clock_timestamp());
    RETURN cur.generation + 1;
END
$$;

-- Drops every generation that ended more than `keep` ago. A key's event time is at most the
-- future skew past the moment it was claimed, so with keep = lateWindow + backlog grace + future
-- skew + margin every dropped key belongs to an event that is now too_old. Answers how many it dropped.
CREATE OR REPLACE FUNCTION drop_usage_event_key_generations(keep interval, lock_wait interval DEFAULT NULL)
    RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
DECLARE
    old     record;
    dropped integer := 0;
BEGIN
    PERFORM set_lock_wait(lock_wait);
    PERFORM pg_advisory_xact_lock(hashtext('usage_event_key_partitions'));
    FOR old IN SELECT generation FROM usage_event_key_generation
               WHERE ended_at < clock_timestamp() - keep ORDER BY generation LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I', 'usage_event_key_g' || old.generation);
        DELETE FROM usage_event_key_generation WHERE generation = old.generation;
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;

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
CREATE OR REPLACE FUNCTION tenant_rollup_lock_key(p_tenant text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT hashtextextended(p_tenant, 0) $$;

CREATE OR REPLACE FUNCTION lock_tenant_rollups_shared(p_tenant text[]) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    key bigint;
BEGIN
    FOR key IN SELECT DISTINCT tenant_rollup_lock_key(t) FROM unnest(p_tenant) AS t ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock_shared(key);
    END LOOP;
END
$$;

-- The daily rows by user (dim 'user', value the event's user or '' without one) of usage_dim_rollup_1d, computed
-- from the raw events of the UTC days [day_from, day_to), of one tenant or (p_tenant null) of all: what ingest adds
-- to that table per event. Created by V25 for its backfill; used by rebuild_usage_rollups.
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

-- The same for the units (usage_unit_dim_rollup_1d, per unit), from the raw events with units (V23's partial
-- index). Created by V28 for its backfill; used by rebuild_usage_rollups.
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

-- Recomputes every rollup row of ONE tenant for the UTC days touching [from_time, to_time) from its raw
-- events: the token rollups (all dimensions and one dimension at a time, each at 15 minutes, an hour and
-- a UTC day, keyed by service tier too; the daily one also by user, V25) and the units rollups of the same shape (V24; only events with
-- units, read through the partial index of V23; the daily one also by user, V28). Takes the tenant's rollup lock exclusively (V14): it
-- waits for the tenant's ingest batches in flight, and the tenant's new batches wait for it, so every
-- event is counted once. Other tenants' rows and batches are untouched. Answers the 15-minute token
-- rows written.
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
                                       ('usage_unit_rollup_15m'), ('usage_unit_rollup_1h'), ('usage_unit_rollup_1d'),
                                       ('usage_unit_dim_rollup_15m'), ('usage_unit_dim_rollup_1h'),
                                       ('usage_unit_dim_rollup_1d')) AS l(target) LOOP
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
    INSERT INTO usage_dim_rollup_1d (tenant, bucket_start, dim, value, status,
        requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
        unpriced_requests, latency_count, latency_sum_ms, latency_hist, last_seen)
    SELECT * FROM usage_user_rollup_1d_of(p_tenant, day_from, day_to);
    -- Units: quantity counts every unit sent, cost_usd what the unit prices gave, unpriced_quantity the
    -- part no price covered (a unit missing from unit_costs).
    INSERT INTO usage_unit_rollup_15m (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,
        unit, quantity, cost_usd, unpriced_quantity)
    SELECT e.tenant, date_bin('15 minutes', e.event_time, timestamptz '2000-01-01 00:00:00+00'), e.provider,
           coalesce(e.model, ''), e.endpoint, coalesce(e.project, ''), coalesce(e.api_key, ''), e.status, e.service_tier, u.key,
           sum(u.value::numeric), coalesce(sum((e.unit_costs ->> u.key)::numeric), 0),
           coalesce(sum(u.value::numeric) FILTER (WHERE NOT coalesce(e.unit_costs ? u.key, false)), 0)
    FROM usage_event e CROSS JOIN LATERAL jsonb_each_text(e.units) AS u(key, value)
    WHERE e.tenant = p_tenant AND e.event_time >= day_from AND e.event_time < day_to AND e.units IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
    FOR level IN SELECT * FROM (VALUES ('usage_unit_rollup_1h', 'hour'), ('usage_unit_rollup_1d', 'day')) AS l(target, unit) LOOP
        EXECUTE format($sql$
            INSERT INTO %I (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier,
                unit, quantity, cost_usd, unpriced_quantity)
            SELECT tenant, date_trunc(%L, bucket_start, 'UTC'), provider, model, endpoint, project, api_key, status, service_tier,
                   unit, sum(quantity), sum(cost_usd), sum(unpriced_quantity)
            FROM usage_unit_rollup_15m WHERE tenant = $1 AND bucket_start >= $2 AND bucket_start < $3
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10$sql$, level.target, level.unit) USING p_tenant, day_from, day_to;
    END LOOP;
    FOR level IN SELECT * FROM (VALUES ('usage_unit_dim_rollup_15m', 'usage_unit_rollup_15m'),
                                       ('usage_unit_dim_rollup_1h', 'usage_unit_rollup_1h'),
                                       ('usage_unit_dim_rollup_1d', 'usage_unit_rollup_1d')) AS l(target, source) LOOP
        EXECUTE format($sql$
            INSERT INTO %I (tenant, bucket_start, dim, value, status, unit, quantity, cost_usd, unpriced_quantity)
            SELECT tenant, bucket_start, d.dim, d.value, status, unit, sum(quantity), sum(cost_usd), sum(unpriced_quantity)
            FROM %I r
            CROSS JOIN LATERAL (VALUES ('', ''), ('provider', r.provider), ('model', r.model), ('endpoint', r.endpoint),
                                       ('project', r.project), ('api_key', r.api_key),
                                       ('service_tier', r.service_tier)) AS d(dim, value)
            WHERE tenant = $1 AND bucket_start >= $2 AND bucket_start < $3
            GROUP BY 1, 2, 3, 4, 5, 6$sql$, level.target, level.source) USING p_tenant, day_from, day_to;
    END LOOP;
    INSERT INTO usage_unit_dim_rollup_1d (tenant, bucket_start, dim, value, status, unit, quantity, cost_usd, unpriced_quantity)
    SELECT * FROM usage_user_unit_rollup_1d_of(p_tenant, day_from, day_to);
    RETURN rows;
END
$$;

-- The all-tenant rebuild, for repairs, backfills and benchmarks: locks every rollup table against
-- concurrent ingest (the batch statements' ROW EXCLUSIVE locks order it against them) and rebuilds
-- tenant by tenant with the function above.
CREATE OR REPLACE FUNCTION rebuild_usage_rollups(from_time timestamptz, to_time timestamptz) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    day_from timestamptz := date_trunc('day', from_time, 'UTC');
    day_to   timestamptz := date_trunc('day', to_time - interval '1 microsecond', 'UTC') + interval '1 day';
    rows     bigint := 0;
    t        text;
BEGIN
    LOCK TABLE usage_rollup_15m, usage_rollup_1h, usage_rollup_1d, usage_dim_rollup_15m, usage_dim_rollup_1h,
               usage_dim_rollup_1d, usage_unit_rollup_15m, usage_unit_rollup_1h, usage_unit_rollup_1d,
               usage_unit_dim_rollup_15m, usage_unit_dim_rollup_1h, usage_unit_dim_rollup_1d IN SHARE ROW EXCLUSIVE MODE;
    FOR t IN SELECT DISTINCT tenant FROM usage_event WHERE event_time >= day_from AND event_time < day_to
             UNION SELECT DISTINCT tenant FROM usage_dim_rollup_1d WHERE dim = '' AND bucket_start >= day_from AND bucket_start < day_to LOOP
        rows := rows + rebuild_usage_rollups(t, from_time, to_time);
    END LOOP;
    RETURN rows;
END
$$;
