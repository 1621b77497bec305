-- The roles Tokenmeter's services connect as (deploy/README.md, "Database roles"): the group tokenmeter_app, which
-- the V13 migration grants read and write on every table and no DDL, and one login per service in it. Run it once
-- per cluster, before the services start, as a superuser or a role with CREATEROLE; running it again is safe and
-- sets the passwords again:
--   TOKENMETER_INGEST_DB_PASSWORD=... TOKENMETER_QUERY_DB_PASSWORD=... \
--     psql -v ON_ERROR_STOP=1 "postgresql://ADMIN@HOST/tokenmeter" -f deploy/postgres/roles.sql
-- Docker Compose runs it as an init script of a new PostgreSQL volume. Needs psql 15 or newer (\getenv).
\getenv ingest_password TOKENMETER_INGEST_DB_PASSWORD
\getenv query_password TOKENMETER_QUERY_DB_PASSWORD
\if :{?ingest_password}
\else
DO $$ BEGIN RAISE EXCEPTION 'roles.sql: set TOKENMETER_INGEST_DB_PASSWORD in the environment'; END $$;
\endif
\if :{?query_password}
\else
DO $$ BEGIN RAISE EXCEPTION 'roles.sql: set TOKENMETER_QUERY_DB_PASSWORD in the environment'; END $$;
\endif

SELECT 'CREATE ROLE tokenmeter_app NOLOGIN'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tokenmeter_app') \gexec

SELECT format('CREATE ROLE %I LOGIN IN ROLE tokenmeter_app', login.name)
FROM (VALUES ('tokenmeter_ingest'), ('tokenmeter_query')) AS login (name)
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = login.name) \gexec

ALTER ROLE tokenmeter_ingest PASSWORD :'ingest_password';
ALTER ROLE tokenmeter_query PASSWORD :'query_password';
