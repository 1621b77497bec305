-- Partitions and retention off the hot path. The ingest service's maintenance job calls the
-- functions below on a schedule (several instances may: every function is idempotent and
-- serialized by a lock); ingest itself only claims keys.
--
-- Every function that takes a lock_wait sets lock_timeout to it for the rest of its transaction,
-- so DDL that has to wait for busy tables fails fast and is retried at the next run instead of
-- queueing every writer and reader behind it. Call them in their own transaction.

CREATE FUNCTION set_lock_wait(lock_wait interval) RETURNS void
    LANGUAGE sql AS $$
    SELECT set_config('lock_timeout', (ceil(extract(epoch FROM lock_wait) * 1000))::bigint || 'ms', true)
    WHERE lock_wait IS NOT NULL
$$;

-- How far back each kind of data is complete: data before kept_from may have been dropped by
-- retention. Written by the ingest service's maintenance job in the transaction that drops; read
-- by the query service (re-pricing refuses days before the raw_events horizon, raw-event answers
-- name it). Only ever moves forward. No row: nothing of that kind was ever dropped.
CREATE TABLE retention_horizon (
    data       text        PRIMARY KEY CHECK (data IN ('raw_events', 'rollups')),
    kept_from  timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION advance_retention_horizon(p_data text, p_kept_from timestamptz) RETURNS timestamptz
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
DROP FUNCTION ensure_usage_event_partitions(timestamptz, timestamptz);

CREATE FUNCTION ensure_usage_event_partitions(from_time timestamptz, to_time timestamptz, lock_wait interval DEFAULT NULL)
    RETURNS integer LANGUAGE plpgsql AS $$
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

-- Raw-event retention: moves the raw_events horizon to the UTC midnight `keep` ago and drops every
-- monthly partition whose every day lies before it (a metadata operation, no DELETE); also deletes
-- the recorded conflicting redeliveries detected before it. DROP takes ACCESS EXCLUSIVE on
-- usage_event: hence lock_wait. Answers how many partitions it dropped.
CREATE FUNCTION drop_usage_event_partitions(keep interval, lock_wait interval DEFAULT NULL)
    RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    horizon   timestamptz := date_trunc('day', clock_timestamp() - keep, 'UTC');
    partition record;
    dropped   integer := 0;
BEGIN
    PERFORM set_lock_wait(lock_wait);
    PERFORM pg_advisory_xact_lock(hashtext('usage_event_partitions'));
    horizon := advance_retention_horizon('raw_events', horizon);
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

-- Rollup retention (off unless configured): deletes the rollup rows of every UTC day before the
-- UTC midnight `keep` ago, at every level, so a day is either whole in all six tables or gone.
CREATE FUNCTION purge_usage_rollups(keep interval, lock_wait interval DEFAULT NULL)
    RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    horizon timestamptz := date_trunc('day', clock_timestamp() - keep, 'UTC');
    deleted bigint := 0;
    n       bigint;
    target  text;
BEGIN
    PERFORM set_lock_wait(lock_wait);
    horizon := advance_retention_horizon('rollups', horizon);
    FOREACH target IN ARRAY ARRAY['usage_rollup_15m', 'usage_rollup_1h', 'usage_rollup_1d',
                                  'usage_dim_rollup_15m', 'usage_dim_rollup_1h', 'usage_dim_rollup_1d'] LOOP
        EXECUTE format('DELETE FROM %I WHERE bucket_start < $1', target) USING horizon;
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + n;
    END LOOP;
    RETURN deleted;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Dedup keys in generations.
--
-- usage_event_key was one table with PRIMARY KEY (tenant, id) that only grew. It is now
-- partitioned by `generation`: every claim goes into the current generation; the maintenance job
-- starts a new one every `key-generation` period (default 14 days) and drops a generation's whole
-- partition once every key in it belongs to an event older than ingest accepts (lateWindow, counted
-- from a record's arrival in Kafka up to backlog-grace ago) plus a safety margin: events that old
-- are rejected as too_old before any claim, so their keys can never matter again. The purge is a DROP TABLE, and the key table holds at most about
-- (lateWindow + margin + period) of keys, however long the service runs.
--
-- A partitioned table's unique key must contain the partition column, so the primary key is
-- (tenant, id, generation): the database itself keeps (tenant, id) unique only within one
-- generation. Uniqueness across every kept generation holds by construction:
--  * a claim inserts only into the current generation, and first looks the key up in the
--    earlier kept generations: found there, the event is a (possibly conflicting) redelivery,
--    whatever its event time, and nothing is inserted;
--  * that look-up sees everything ever written to the earlier generations, because the switch
--    takes an exclusive advisory lock while every claim holds the same lock shared until its
--    transaction ends: the switch waits for the claims in flight to commit, claims that start
--    later see the new generation, and no claim ever writes into a generation that is not
--    current. Within the current generation the primary key arbitrates concurrent claims of the
--    same key as before (the second waits for the first to commit).
-- Generations follow arrival, not event time: partitioning by month of event time would let two
-- concurrent claims of one (tenant, id) with times in different months land in different
-- partitions, where neither sees the other's uncommitted row.
CREATE TABLE usage_event_key_generation (
    generation integer     PRIMARY KEY,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz  -- null for the current generation, the only one
);

CREATE UNIQUE INDEX usage_event_key_generation_current ON usage_event_key_generation ((true)) WHERE ended_at IS NULL;

INSERT INTO usage_event_key_generation (generation, started_at) VALUES (1, now());

-- The current generation, for tools and tests that insert keys directly (the column default).
-- Ingest claims through claim_usage_event_keys, which is safe against a concurrent switch.
CREATE FUNCTION current_usage_event_key_generation() RETURNS integer
    LANGUAGE sql STABLE AS $$
    SELECT generation FROM usage_event_key_generation WHERE ended_at IS NULL
$$;

ALTER TABLE usage_event_key RENAME TO usage_event_key_v1;
ALTER INDEX usage_event_key_pkey RENAME TO usage_event_key_v1_pkey;
DROP INDEX usage_event_key_event_time;  -- purging no longer deletes by event time

CREATE TABLE usage_event_key (
    tenant      text        NOT NULL,
    id          text        NOT NULL,
    generation  integer     NOT NULL DEFAULT current_usage_event_key_generation(),
    fingerprint bytea       NOT NULL,  -- SHA-256 of the event's canonical JSON
    event_time  timestamptz NOT NULL,
    first_seen  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, id, generation)
) PARTITION BY LIST (generation);

CREATE TABLE usage_event_key_g1 PARTITION OF usage_event_key FOR VALUES IN (1);
CREATE TABLE usage_event_key_g2 PARTITION OF usage_event_key FOR VALUES IN (2);

-- Every existing key goes into generation 1, which is purged like any other once its keys are old.
INSERT INTO usage_event_key (tenant, id, generation, fingerprint, event_time, first_seen)
SELECT tenant, id, 1, fingerprint, event_time, first_seen FROM usage_event_key_v1;

DROP TABLE usage_event_key_v1;

-- Creates the partition of one key generation if it is missing (LIKE + ATTACH, see above).
CREATE FUNCTION ensure_usage_event_key_partition(p_generation integer) RETURNS boolean
    LANGUAGE plpgsql AS $$
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
CREATE FUNCTION claim_usage_event_keys(p_tenant text[], p_id text[], p_fingerprint_hex text[], p_event_time timestamptz[])
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
    SELECT f.ord, encode(coalesce(e.fingerprint, k.fingerprint), 'hex')
    FROM firsts f
    LEFT JOIN earlier e ON e.ord = f.ord
    LEFT JOIN usage_event_key k ON k.tenant = f.tenant AND k.id = f.id AND k.generation = current_generation
    WHERE NOT EXISTS (SELECT 1 FROM new_keys n WHERE n.tenant = f.tenant AND n.id = f.id);
END
$$;

-- Starts a new generation when the current one is `period` old; creates the next generation's
-- partition ahead either way. Answers the current generation. The switch waits for the claims in
-- flight (at most lock_wait; a timeout leaves everything as it was, for the next run).
CREATE FUNCTION rotate_usage_event_keys(period interval, lock_wait interval DEFAULT NULL)
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
CREATE FUNCTION drop_usage_event_key_generations(keep interval, lock_wait interval DEFAULT NULL)
    RETURNS integer LANGUAGE plpgsql AS $$
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
