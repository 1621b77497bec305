-- API keys of the query and ingest services. The secret itself is never stored: only its SHA-256.
-- A fast, unsalted hash is right here because secrets are 192 random bits from SecureRandom, not
-- passwords: no dictionary to try and far too many values to enumerate, so a slow salted hash
-- (bcrypt, Argon2) would add per-request cost and no security. An unsalted hash also lets a request
-- find its key with one lookup on the unique index below.
CREATE TABLE api_key (
    id           text        PRIMARY KEY CHECK (id ~ '^key_[0-9a-f]{16}$'),
    tenant       text        NOT NULL CHECK (tenant ~ '^[a-z0-9_-]{1,64}$'),
    role         text        NOT NULL CHECK (role IN ('admin', 'viewer', 'ingest')),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 128),
    secret_hash  bytea       NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,            -- null while the key is valid; set once, never cleared
    last_used_at timestamptz             -- refreshed at most about once a minute per key
);

CREATE INDEX api_key_tenant_created ON api_key (tenant, created_at);
