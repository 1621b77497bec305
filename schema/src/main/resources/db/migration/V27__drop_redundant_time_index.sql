-- usage_event_tenant_time (tenant, event_time DESC) repeats the leading columns of the primary key
-- (tenant, event_time, id), which PostgreSQL scans in either direction for the same questions (the raw
-- edges of a range, the event log newest first). Every stored event paid for one more index entry: CPU
-- and WAL in ingest's COPY, and disk. Dropping an index of the partitioned table drops it on every
-- partition: metadata only, under a lock that waits for running queries and batches and is then held
-- for milliseconds.
DROP INDEX IF EXISTS usage_event_tenant_time;
