/**
 * The Alerts page's rows, from `GET /alerts` and `GET /budgets`: pure, so what each cell says is
 * unit-tested and the page only draws it.
 */
import { formatPercent, formatShortDateTime } from '@/lib/format'
import type { Budget, BudgetAlert } from '@/types/models'

type Delivery = BudgetAlert['deliveries'][number]

export const DELIVERY_STATES: Record<Delivery['state'], string> = {
  pending: 'Pending',
  failed: 'Retrying',
  delivered: 'Delivered',
  given_up: 'Given up',
}

export const OVERALL: Record<BudgetAlert['delivery'], string> = {
  delivered: 'Delivered',
  given_up: 'Given up',
  retrying: 'Retrying',
  pending: 'Pending',
  none: 'Not sent',
}

export interface ChannelOption {
  id: string
  label: string
}

/** "Email to a@x, b@x" for `mailto:` addresses, else "Slack webhook https://…" / "JSON webhook https://…". */
export function deliveryChannelLabel(format: string, url: string): string {
  if (format === 'email' || url.startsWith('mailto:')) {
    return `Email to ${url
      .replace(/^mailto:/, '')
      .split(',')
      .join(', ')}`
  }
  return `${format === 'slack' ? 'Slack' : 'JSON'} webhook ${url}`
}

/** Every channel of the budgets (or of one budget), to filter by: "Budget name · Email to …". */
export function channelOptions(budgets: Budget[], budgetId: string | null): ChannelOption[] {
  return budgets
    .filter((b) => budgetId === null || b.id === budgetId)
    .flatMap((b) =>
      b.channels.map((c) => ({
        id: c.id,
        label: `${b.name} · ${c.type === 'email' ? `Email to ${(c.recipients ?? []).join(', ')}` : deliveryChannelLabel(c.format, c.url ?? '')}`,
      })),
    )
}

export interface DeliveryRow {
  id: string
  channel: string
  state: Delivery['state']
  stateLabel: string
  attempts: number
  /** The last HTTP status, or the SMTP 250 of an accepted email; "—" before the first attempt. */
  lastCode: string
  /** When it will be tried again (only while pending or failed). */
  nextAttempt: string
  /** Delivered at, or the last error, or the start of the last answer. */
  outcome: string
}

export interface AlertRow {
  id: string
  raised: string
  raisedAt: string
  budgetId: string
  budget: string
  /** What was raised: "Crossed 80%" or the forecast. */
  title: string
  share: string
  delivery: BudgetAlert['delivery']
  deliveryLabel: string
  deliveries: DeliveryRow[]
}

const DASH = '—'

export function deliveryRow(d: Delivery, zone: string): DeliveryRow {
  const outcome =
    d.state === 'delivered' && d.deliveredAt
      ? `Delivered ${formatShortDateTime(d.deliveredAt, zone)}`
      : (d.lastError ?? (d.lastResponse ? d.lastResponse.slice(0, 120) : d.attempts === 0 ? 'Not tried yet' : DASH))
  return {
    id: d.id,
    channel: deliveryChannelLabel(d.format, d.url),
    state: d.state,
    stateLabel: DELIVERY_STATES[d.state] ?? d.state,
    attempts: d.attempts,
    lastCode: d.lastStatusCode === null ? DASH : String(d.lastStatusCode),
    nextAttempt: d.nextAttemptAt ? formatShortDateTime(d.nextAttemptAt, zone) : DASH,
    outcome,
  }
}

export function alertRows(alerts: BudgetAlert[], budgets: Budget[], zone: string): AlertRow[] {
  const names = new Map(budgets.map((b) => [b.id, b.name]))
  return alerts.map((a) => ({
    id: a.id,
    raised: formatShortDateTime(a.raisedAt, zone),
    raisedAt: a.raisedAt,
    budgetId: a.budgetId,
    budget: names.get(a.budgetId) ?? a.budgetId,
    title: a.kind === 'forecast' ? 'Forecast: on course to cross the limit' : `Crossed ${a.threshold}%`,
    share: formatPercent(a.share),
    delivery: a.delivery,
    deliveryLabel: a.notified === false ? 'Not sent: a higher threshold was sent instead' : (OVERALL[a.delivery] ?? a.delivery),
    deliveries: a.deliveries.map((d) => deliveryRow(d, zone)),
  }))
}
