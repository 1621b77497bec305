-- Alert delivery from an outbox: one row per (alert, channel), written in the transaction that raises
-- the alert, delivered (at least once) by a worker that claims due rows with FOR UPDATE SKIP LOCKED.
-- Email becomes a channel format: its url is a mailto: URI of the recipients.

ALTER TABLE budget_channel DROP CONSTRAINT budget_channel_format_check;
ALTER TABLE budget_channel ADD CONSTRAINT budget_channel_format_check CHECK (format IN ('json', 'slack', 'email'));

CREATE TABLE alert_delivery (
    id               text        PRIMARY KEY CHECK (id ~ '^dlv_[0-9a-f]{16}$'),  -- X-Tokenmeter-Delivery
    alert_id         text        NOT NULL REFERENCES budget_alert (id) ON DELETE CASCADE,
    tenant           text        NOT NULL,
    budget_id        text        NOT NULL,
    channel_id       text        NOT NULL,   -- no foreign key: the history outlives a removed channel
    url              text        NOT NULL,   -- the destination when raised (webhook URL, mailto:)
    format           text        NOT NULL CHECK (format IN ('json', 'slack', 'email')),
    -- What is sent: the webhook body, or for email {"subject", "text", "html", "to"}; rendered once when raised.
    payload          text        NOT NULL,
    -- pending: not tried yet; failed: tried, will be retried at next_attempt_at; delivered; given_up.
    state            text        NOT NULL CHECK (state IN ('pending', 'failed', 'delivered', 'given_up')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,   -- also the claim's expiry while an attempt is under way
    created_at       timestamptz NOT NULL,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_response    text,                   -- first 500 characters of the receiver's answer
    last_error       text,
    delivered_at     timestamptz,
    UNIQUE (alert_id, channel_id)
);

CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE state IN ('pending', 'failed');
CREATE INDEX alert_delivery_tenant ON alert_delivery (tenant, created_at DESC);
