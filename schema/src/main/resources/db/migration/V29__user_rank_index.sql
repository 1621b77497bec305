-- The ranking of a breakdown by user (the query service's UsageQuery.rankKeys) sums, per user, one or two
-- measures of every daily row by user of the range (V25: thousands of users x 90 days). Those rows are wide
-- (a latency histogram each, fillfactor 70), so the ranking read the whole table from disk or the OS cache
-- for a few columns. This partial covering index holds just the columns a ranking reads, in range order, so
-- it runs as an index-only scan of a narrow, cached index: the key (tenant, bucket_start) and the measures
-- of every sort (cost, requests, tokens, errors/timeouts by status, latency count and sum, last seen).
--
-- What it costs ingest: an update of a row of usage_dim_rollup_1d now changes indexed columns, so it is no
-- longer a HOT update (it adds a primary-key entry, and for a user row an entry here): measured in the
-- README's "Users from a daily rollup". Index-only scans skip the heap only on pages the visibility map marks
-- all-visible, which VACUUM sets; ingest keeps updating today's rows (read from raw events by a ranking of a
-- range that ends today, outside its whole days), so autovacuum is asked to come sooner on this table.
--
-- Built CONCURRENTLY (no lock that blocks ingest while it builds), so this migration runs outside a transaction
-- (spring.flyway.mixed=true, as V16). An interrupted build leaves an INVALID index: drop it
-- (DROP INDEX CONCURRENTLY usage_dim_rollup_1d_user_rank) before `flyway repair` and a new run.
CREATE INDEX CONCURRENTLY IF NOT EXISTS usage_dim_rollup_1d_user_rank ON usage_dim_rollup_1d (tenant, bucket_start)
    INCLUDE (value, status, requests, input_tokens, output_tokens, cost_usd, latency_count, latency_sum_ms, last_seen)
    WHERE dim = 'user';

ALTER TABLE usage_dim_rollup_1d SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
