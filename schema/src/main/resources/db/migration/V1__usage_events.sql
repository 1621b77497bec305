-- Raw usage events, exactly one row per (tenant, id). Partitioned by month of event_time so
-- that retention drops whole partitions. A partitioned table's keys must include the partition
-- column, so uniqueness of (tenant, id) lives in usage_event_key below.
CREATE TABLE usage_event (
    tenant              text          NOT NULL,
    id                  text          NOT NULL,
    event_time          timestamptz   NOT NULL,
    provider            text          NOT NULL,
    model               text          NOT NULL,
    endpoint            text          NOT NULL,
    project             text,
    api_key             text,
    user_id             text,
    status              text          NOT NULL CHECK (status IN ('success', 'error', 'timeout')),
    error_type          text,
    error_message       text,
    latency_ms          integer,
    input_tokens        bigint        NOT NULL,
    cached_input_tokens bigint        NOT NULL,
    cache_write_tokens  bigint        NOT NULL,
    output_tokens       bigint        NOT NULL,
    reasoning_tokens    bigint        NOT NULL,
    cost_usd            numeric(24, 12) NOT NULL,
    priced              boolean       NOT NULL,
    cost_source         text          NOT NULL,  -- provider | catalog | unpriced
    price_ref           text,                    -- the price entry that computed cost_usd
    tags                jsonb         NOT NULL DEFAULT '{}'::jsonb,
    ingested_at         timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, event_time, id)
) PARTITION BY RANGE (event_time);

CREATE INDEX usage_event_tenant_time ON usage_event (tenant, event_time DESC);

-- Creates the monthly partitions covering [from_time, to_time); safe to call concurrently and
-- repeatedly. Answers how many partitions it created.
CREATE FUNCTION ensure_usage_event_partitions(from_time timestamptz, to_time timestamptz)
    RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    month   timestamp := date_trunc('month', from_time AT TIME ZONE 'UTC');
    name    text;
    created integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('usage_event_partitions'));
    WHILE month < to_time AT TIME ZONE 'UTC' LOOP
        name := 'usage_event_' || to_char(month, 'YYYYMM');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF usage_event FOR VALUES FROM (%L) TO (%L)',
                           name, month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        month := month + interval '1 month';
    END LOOP;
    RETURN created;
END
$$;

SELECT ensure_usage_event_partitions(now() - interval '3 months', now() + interval '2 months');

-- The dedup record: the first delivery of (tenant, id) wins. Rows older than the dedup window
-- (at least the late-arrival window, since older events are rejected anyway) may be purged.
CREATE TABLE usage_event_key (
    tenant      text        NOT NULL,
    id          text        NOT NULL,
    fingerprint bytea       NOT NULL,  -- SHA-256 of the event's canonical JSON
    event_time  timestamptz NOT NULL,
    first_seen  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, id)
);

CREATE INDEX usage_event_key_event_time ON usage_event_key (event_time);

-- A later delivery of a stored (tenant, id) with a different payload: not counted, kept here for
-- the operator, once per distinct payload.
CREATE TABLE usage_event_conflict (
    tenant           text        NOT NULL,
    id               text        NOT NULL,
    fingerprint      bytea       NOT NULL,
    kept_fingerprint bytea       NOT NULL,
    payload          jsonb       NOT NULL,
    detected_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, id, fingerprint)
);

CREATE INDEX usage_event_conflict_tenant_detected ON usage_event_conflict (tenant, detected_at DESC);
