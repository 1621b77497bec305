-- Budgets on any slice of a tenant's usage, the alerts they raised, and every delivery attempt.

CREATE TABLE budget (
    id           text        PRIMARY KEY CHECK (id ~ '^bud_[0-9a-f]{16}$'),
    tenant       text        NOT NULL CHECK (tenant ~ '^[a-z0-9_-]{1,64}$'),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 128),
    -- The contract's filters, each a list: {"project": ["support-bot"], "tag.env": ["prod"]};
    -- {} is the whole tenant.
    scope        jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(scope) = 'object'),
    period       text        NOT NULL CHECK (period IN ('day', 'week', 'month')),
    tz           text        NOT NULL,   -- IANA zone whose local midnights bound the period
    limit_usd    numeric(24, 12) CHECK (limit_usd > 0),
    limit_tokens bigint      CHECK (limit_tokens > 0),
    thresholds   integer[]   NOT NULL,   -- percents of the limit, ascending
    forecast     boolean     NOT NULL DEFAULT true,  -- alert when the pace will cross the limit
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((limit_usd IS NULL) <> (limit_tokens IS NULL))
);

CREATE INDEX budget_tenant_created ON budget (tenant, created_at);

-- A budget's webhooks. The secret signs deliveries (HMAC-SHA256), so it is stored as given — a
-- hash could not sign — and the API never returns it.
CREATE TABLE budget_channel (
    id        text    PRIMARY KEY CHECK (id ~ '^ch_[0-9a-f]{16}$'),
    budget_id text    NOT NULL REFERENCES budget (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    url       text    NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2048),
    format    text    NOT NULL CHECK (format IN ('json', 'slack')),
    secret    text,   -- null only for a Slack channel, which cannot check a signature
    UNIQUE (budget_id, position)
);

-- An alert exists once per (budget, period, kind, threshold). Every evaluator tries the INSERT;
-- the unique key lets exactly one win, and only the winner delivers, so several query-service
-- instances never send an alert twice.
CREATE TABLE budget_alert (
    id           text        PRIMARY KEY CHECK (id ~ '^alr_[0-9a-f]{16}$'),
    tenant       text        NOT NULL,
    budget_id    text        NOT NULL REFERENCES budget (id) ON DELETE CASCADE,
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('threshold', 'forecast')),
    threshold    integer     NOT NULL,   -- percent of the limit; 100 for a forecast
    share        numeric     NOT NULL,   -- spent / limit when raised
    raised_at    timestamptz NOT NULL,
    body         json        NOT NULL,   -- the JSON delivered, byte for byte (json keeps the text; jsonb would not)
    UNIQUE (budget_id, period_start, kind, threshold)
);

CREATE INDEX budget_alert_tenant_raised ON budget_alert (tenant, raised_at DESC);
CREATE INDEX budget_alert_budget_raised ON budget_alert (budget_id, raised_at DESC);

-- One row per attempt to deliver an alert to a channel.
CREATE TABLE budget_alert_delivery (
    alert_id     text        NOT NULL REFERENCES budget_alert (id) ON DELETE CASCADE,
    channel_id   text        NOT NULL,   -- no foreign key: the log outlives a removed channel
    url          text        NOT NULL,
    attempt      integer     NOT NULL CHECK (attempt >= 1),
    status_code  integer,                -- the HTTP status; null when no answer came
    error        text,                   -- why the attempt failed; null when it succeeded
    attempted_at timestamptz NOT NULL,
    PRIMARY KEY (alert_id, channel_id, attempt)
);
