-- The full rollups' key gains service_tier (V15 added the column, 'standard' for every existing row).
-- The new unique indexes are built CONCURRENTLY (no lock that blocks ingest while they build), so this
-- migration runs outside a transaction (spring.flyway.mixed=true in both services: Flyway refuses to mix CONCURRENTLY
-- with transactional statements otherwise). The swap of each primary key that follows is
-- metadata-only: the old key's index is dropped and the new index becomes the key (its columns are all
-- NOT NULL already, so nothing is scanned), under a lock held for milliseconds.
-- Without a transaction, a failure leaves the statements before it done: an index an interrupted build
-- left INVALID must be dropped (DROP INDEX CONCURRENTLY <name>) before `flyway repair` and a new run.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS usage_rollup_15m_tier_key
    ON usage_rollup_15m (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS usage_rollup_1h_tier_key
    ON usage_rollup_1h (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS usage_rollup_1d_tier_key
    ON usage_rollup_1d (tenant, bucket_start, provider, model, endpoint, project, api_key, status, service_tier);

ALTER TABLE usage_rollup_15m DROP CONSTRAINT usage_rollup_15m_pkey,
    ADD CONSTRAINT usage_rollup_15m_pkey PRIMARY KEY USING INDEX usage_rollup_15m_tier_key;
ALTER TABLE usage_rollup_1h DROP CONSTRAINT usage_rollup_1h_pkey,
    ADD CONSTRAINT usage_rollup_1h_pkey PRIMARY KEY USING INDEX usage_rollup_1h_tier_key;
ALTER TABLE usage_rollup_1d DROP CONSTRAINT usage_rollup_1d_pkey,
    ADD CONSTRAINT usage_rollup_1d_pkey PRIMARY KEY USING INDEX usage_rollup_1d_tier_key;
