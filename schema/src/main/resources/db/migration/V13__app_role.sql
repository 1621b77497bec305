-- Least privilege (deploy/README.md, "Database roles"). Migrations run as the schema's owner (Flyway's user:
-- TOKENMETER_DB_OWNER_USER, which must be the same role for every migration, because default privileges
-- below belong to it). The services connect as login roles that are members of the group role
-- tokenmeter_app: they read and write every table, but cannot create, alter or drop anything. What needs DDL
-- at run time goes through SECURITY DEFINER functions owned by the owner, with search_path pinned.

-- Roles are cluster-wide, so the group may exist already: created by the deployer (needed when the owner
-- lacks CREATEROLE), by the local stack's launcher, or by this migration in another database of the cluster
-- (possibly at the same moment: hence the duplicate_object handler).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tokenmeter_app') THEN
        CREATE ROLE tokenmeter_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

-- Grants on what exists now, and the same grants, by default, on whatever the owner creates later in this
-- schema: tables of later migrations, and the monthly partitions ensure_usage_event_partitions creates
-- (it runs as the owner, so the owner's default privileges apply to them). PostgreSQL 15+ no longer lets
-- PUBLIC create in the public schema; on an older server, or a schema that still allows it, that is revoked.
DO $$
DECLARE
    schema text := current_schema();
BEGIN
    IF has_schema_privilege('public', schema, 'CREATE') THEN
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', schema);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO tokenmeter_app', schema);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO tokenmeter_app', schema);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO tokenmeter_app', schema);
    EXECUTE format('GRANT EXECUTE ON ALL ROUTINES IN SCHEMA %I TO tokenmeter_app', schema);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tokenmeter_app', schema);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO tokenmeter_app', schema);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON ROUTINES TO tokenmeter_app', schema);
END
$$;

-- Flyway's own history is the owner's business.
REVOKE ALL ON TABLE "${flyway:table}" FROM tokenmeter_app;

-- Run-time DDL as the owner: every function of this schema whose name starts with ensure_, drop_ or purge_
-- (creating partitions ahead, dropping old partitions of usage_event and of the dedup keys usage_event_key,
-- purging keys) becomes SECURITY DEFINER with a pinned search_path, callable by tokenmeter_app and no longer by
-- PUBLIC. Matched by name, not listed, so that it covers ensure_usage_event_partitions (V1) and the retention
-- functions of V11 whatever their exact names. A later migration that adds or replaces such a function must
-- declare SECURITY DEFINER SET search_path itself (CREATE OR REPLACE resets both), and REVOKE EXECUTE FROM PUBLIC.
-- The rollup rebuilds (V5-V7) stay SECURITY INVOKER: they only LOCK (allowed with UPDATE/DELETE), DELETE,
-- INSERT and create a temporary table (PUBLIC's default TEMP right on the database), all of which the app may.
DO $$
DECLARE
    routine regprocedure;
BEGIN
    FOR routine IN
        SELECT p.oid::regprocedure
        FROM pg_proc p
        WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
          AND p.prokind IN ('f', 'p')
          AND (p.proname LIKE 'ensure\_%' OR p.proname LIKE 'drop\_%' OR p.proname LIKE 'purge\_%')
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER ROUTINE %s SECURITY DEFINER SET search_path = %I, pg_temp', routine, current_schema());
        EXECUTE format('REVOKE EXECUTE ON ROUTINE %s FROM PUBLIC', routine);
        EXECUTE format('GRANT EXECUTE ON ROUTINE %s TO tokenmeter_app', routine);
    END LOOP;
END
$$;
