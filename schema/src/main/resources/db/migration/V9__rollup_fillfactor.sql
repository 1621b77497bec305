-- Ingest adds to rollup rows in place, many times each. With free space left in every page, such an
-- update can stay on its page (a HOT update: no new index entries), which is most of the cost of a
-- rollup upsert otherwise. Applies to pages written from now on.
ALTER TABLE usage_rollup_15m SET (fillfactor = 70);
ALTER TABLE usage_rollup_1h SET (fillfactor = 70);
ALTER TABLE usage_rollup_1d SET (fillfactor = 70);
ALTER TABLE usage_dim_rollup_15m SET (fillfactor = 70);
ALTER TABLE usage_dim_rollup_1h SET (fillfactor = 70);
ALTER TABLE usage_dim_rollup_1d SET (fillfactor = 70);
