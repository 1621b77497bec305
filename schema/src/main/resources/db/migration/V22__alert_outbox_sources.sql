-- The alert outbox carries the notices of usage rules, anomaly watches and digests beside budgets'
-- alerts: a delivery's alert is a budget_alert or an alert_rule_notice (both 'alr_' ids), so the foreign
-- key to budget_alert goes, and budget_id becomes the source that raised it (a budget or a rule). A
-- delivery row outlives a deleted budget or rule as history; its pending attempts then find no channel
-- and are given up.

ALTER TABLE alert_delivery DROP CONSTRAINT alert_delivery_alert_id_fkey;
ALTER TABLE alert_delivery RENAME COLUMN budget_id TO source_id;
