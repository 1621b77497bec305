-- Alert rules beside budgets: usage rules (a measure over a window against a threshold), spend anomaly
-- watches and digests. Each kind's settings are a JSON object the query service validates (README "Alerts").

CREATE TABLE alert_rule (
    id         text        PRIMARY KEY CHECK (id ~ '^rul_[0-9a-f]{16}$'),
    tenant     text        NOT NULL CHECK (tenant ~ '^[a-z0-9_-]{1,64}$'),
    kind       text        NOT NULL CHECK (kind IN ('usage', 'anomaly', 'digest')),
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 128),
    -- The contract's filters, each a list, as for budgets; {} is the whole tenant.
    scope      jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(scope) = 'object'),
    spec       jsonb       NOT NULL CHECK (jsonb_typeof(spec) = 'object'),
    enabled    boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX alert_rule_tenant ON alert_rule (tenant, kind, created_at);

-- A rule's channels, shaped as budget_channel, so that the outbox worker finds a delivery's
-- destination and secret in either table by channel id.
CREATE TABLE alert_rule_channel (
    id       text    PRIMARY KEY CHECK (id ~ '^ch_[0-9a-f]{16}$'),
    rule_id  text    NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
    position integer NOT NULL,
    url      text    NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2048),
    format   text    NOT NULL CHECK (format IN ('json', 'slack', 'email')),
    secret   text,
    UNIQUE (rule_id, position)
);

-- Hysteresis of a usage rule, as its last evaluation left it.
CREATE TABLE alert_rule_state (
    rule_id      text        PRIMARY KEY REFERENCES alert_rule (id) ON DELETE CASCADE,
    firing       boolean     NOT NULL,
    incident     integer     NOT NULL DEFAULT 0,   -- how many times it fired; names the fire/resolve pair
    clear_streak integer     NOT NULL DEFAULT 0,   -- consecutive evaluations past the clear threshold while firing
    last_value   numeric,
    evaluated_at timestamptz NOT NULL
);

-- What a rule raised. (rule, occurrence) is unique: "fire:3", "resolve:3", "anomaly:<period start>",
-- "digest:<period start>"; every instance tries the INSERT and only the winner enqueues deliveries,
-- so a digest period or an anomaly is notified once however many instances evaluate.
CREATE TABLE alert_rule_notice (
    id         text        PRIMARY KEY CHECK (id ~ '^alr_[0-9a-f]{16}$'),
    tenant     text        NOT NULL,
    rule_id    text        NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
    type       text        NOT NULL,   -- rule.fired, rule.resolved, anomaly.spend, digest
    occurrence text        NOT NULL,
    raised_at  timestamptz NOT NULL,
    body       json        NOT NULL,   -- the JSON delivered, byte for byte
    UNIQUE (rule_id, occurrence)
);

CREATE INDEX alert_rule_notice_tenant ON alert_rule_notice (tenant, raised_at DESC);
CREATE INDEX alert_rule_notice_rule ON alert_rule_notice (rule_id, raised_at DESC);
