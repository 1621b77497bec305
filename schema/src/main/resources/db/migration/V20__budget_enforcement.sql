-- Hard budgets, the notification policy, and each budget's latest standing for GET /budgets/check.

ALTER TABLE budget ADD COLUMN hard boolean NOT NULL DEFAULT false;
-- per_threshold: every threshold once per period; daily: at most one notification per budget per 24 h.
ALTER TABLE budget ADD COLUMN notify text NOT NULL DEFAULT 'per_threshold' CHECK (notify IN ('per_threshold', 'daily'));

-- false for an alert recorded without notifying (a lower threshold crossed together with a higher
-- one, under the daily policy): it is never raised again in its period, and it sent nothing.
ALTER TABLE budget_alert ADD COLUMN notified boolean NOT NULL DEFAULT true;

-- The standing of each budget's current period as the last evaluation saw it, shared by all instances.
CREATE TABLE budget_state (
    budget_id    text            PRIMARY KEY REFERENCES budget (id) ON DELETE CASCADE,
    tenant       text            NOT NULL,
    period_start timestamptz     NOT NULL,
    period_end   timestamptz     NOT NULL,
    spent        numeric(40, 12) NOT NULL,   -- in the limit's unit
    evaluated_at timestamptz     NOT NULL
);

CREATE INDEX budget_state_tenant ON budget_state (tenant);
