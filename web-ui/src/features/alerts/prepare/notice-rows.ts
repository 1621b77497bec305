/**
 * The Alerts page's rows for the notices of usage rules, anomaly watches and digests, from
 * `GET /notices` and the rule lists: pure, drawn with the same delivery table as budget alerts.
 */
import { channelLabel } from '@/lib/channels'
import { formatShortDateTime } from '@/lib/format'
import { noticeTitle, OVERALL_LABELS, overallDelivery, type OverallDelivery } from '@/lib/notices'
import type { AnyRule, Notice, NoticeDelivery, RuleCollection } from '@/types/rules'
import { DELIVERY_STATES, type ChannelOption, type DeliveryRow } from './alert-rows'

export interface RuleEntry {
  collection: RuleCollection
  rule: AnyRule
}

export const KIND_LABELS: Record<RuleCollection, string> = { rules: 'Usage rule', anomalies: 'Anomaly watch', digests: 'Digest' }

export interface NoticeRow {
  id: string
  raised: string
  raisedAt: string
  type: string
  ruleId: string
  rule: string
  /** "Usage rule", "Anomaly watch", "Digest", or "Deleted rule" when it is gone. */
  kind: string
  title: string
  delivery: OverallDelivery
  deliveryLabel: string
  deliveries: DeliveryRow[]
}

const DASH = '—'

function noticeDeliveryRow(d: NoticeDelivery, channel: string, zone: string): DeliveryRow {
  const outcome =
    d.state === 'delivered' && d.deliveredAt
      ? `Delivered ${formatShortDateTime(d.deliveredAt, zone)}`
      : (d.lastError ?? (d.attempts === 0 ? 'Not tried yet' : DASH))
  return {
    id: d.deliveryId,
    channel,
    state: d.state,
    stateLabel: DELIVERY_STATES[d.state] ?? d.state,
    attempts: d.attempts,
    lastCode: d.lastStatusCode === null ? DASH : String(d.lastStatusCode),
    // The notices API gives no next attempt time: the outbox retries with backoff for up to a day.
    nextAttempt: DASH,
    outcome,
  }
}

/** The rows, newest first as the API answers; with `channel`, only notices delivered to it, each with that delivery alone. */
export function noticeRows(notices: Notice[], rules: RuleEntry[], zone: string, channel: string | null = null): NoticeRow[] {
  const byId = new Map(rules.map((e) => [e.rule.id, e]))
  return notices
    .filter((n) => channel === null || n.deliveries.some((d) => d.channelId === channel))
    .map((n) => {
      const entry = byId.get(n.ruleId)
      const channels = new Map((entry?.rule.channels ?? []).map((c) => [c.id, channelLabel(c)]))
      const deliveries = n.deliveries.filter((d) => channel === null || d.channelId === channel)
      const overall = overallDelivery(deliveries)
      return {
        id: n.id,
        raised: formatShortDateTime(n.raisedAt, zone),
        raisedAt: n.raisedAt,
        type: n.type,
        ruleId: n.ruleId,
        rule: entry?.rule.name ?? n.notice.rule?.name ?? n.ruleId,
        kind: entry ? KIND_LABELS[entry.collection] : 'Deleted rule',
        title: noticeTitle(n.notice),
        delivery: overall,
        deliveryLabel: OVERALL_LABELS[overall],
        deliveries: deliveries.map((d) => noticeDeliveryRow(d, channels.get(d.channelId) ?? `${d.format} channel ${d.channelId}`, zone)),
      }
    })
}

/** Every channel of the rules (or of one rule), to filter by: "Rule name · Email to …". */
export function ruleChannelOptions(rules: RuleEntry[], ruleId: string | null): ChannelOption[] {
  return rules
    .filter((e) => ruleId === null || e.rule.id === ruleId)
    .flatMap((e) => e.rule.channels.map((c) => ({ id: c.id, label: `${e.rule.name} · ${channelLabel(c)}` })))
}
