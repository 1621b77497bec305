/**
 * Notices of usage rules, anomaly watches and digests in words: shared by the Rules page (each rule's
 * state and recent notices) and the Alerts page (the history with deliveries). Pure, unit-tested.
 */
import type { Measure, Notice, NoticeBody, NoticeDelivery } from '@/types/rules'
import { formatInteger, formatLatency, formatPercent, formatUsd, formatUsdPrecise } from './format'

const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })

const MEASURE_WORDS: Record<Measure, string> = {
  errorRate: 'error rate',
  p95LatencyMs: 'p95 latency',
  requests: 'requests',
  tokensPerRequest: 'tokens per request',
  unpricedRequests: 'unpriced requests',
  costUsd: 'cost',
}

export function measureWords(measure: Measure): string {
  return MEASURE_WORDS[measure] ?? measure
}

/** A measure's value as people read it: 0.062 → 6.2% for the error rate, $12.50 for cost, 840 ms for latency. */
export function formatMeasure(measure: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  switch (measure) {
    case 'errorRate':
      return formatPercent(value, true)
    case 'p95LatencyMs':
      return formatLatency(value)
    case 'costUsd':
      return value >= 1 ? formatUsd(value) : formatUsdPrecise(value)
    case 'tokensPerRequest':
      return decimal.format(value)
    default:
      return formatInteger(value)
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null)

/** What the notice says, in one line: "Fired: error rate 60% above 50% over 5m". */
export function noticeTitle(body: NoticeBody): string {
  const test = body.test ? ' (test)' : ''
  if (body.type === 'rule.fired' || body.type === 'rule.resolved') {
    const measure = String(body.measure)
    const words = MEASURE_WORDS[measure as Measure] ?? measure
    const value = formatMeasure(measure, num(body.value))
    if (body.type === 'rule.fired') {
      return `Fired${test}: ${words} ${value} ${body.comparison === 'below' ? 'below' : 'above'} ${formatMeasure(measure, num(body.threshold))} over ${String(body.window)}`
    }
    return `Resolved${test}: ${words} ${value}, back ${body.comparison === 'below' ? 'at or above' : 'at or below'} ${formatMeasure(measure, num(body.clearThreshold))}`
  }
  if (body.type === 'anomaly.spend') {
    const expected = body.expected as { high?: number } | undefined
    const period = body.granularity === 'hour' ? 'this hour' : 'today'
    return `Spend anomaly${test}: ${formatUsd(num(body.spentUsd) ?? 0)} ${period} so far, expected at most ${formatUsd(expected?.high ?? 0)}`
  }
  if (body.type === 'digest') {
    const current = body.current as { costUsd?: number; requests?: number } | undefined
    return `${body.cadence === 'daily' ? 'Daily' : 'Weekly'} digest${test}: ${formatUsd(current?.costUsd ?? 0)}, ${formatInteger(current?.requests ?? 0)} requests`
  }
  return `${body.type}${test}`
}

export type OverallDelivery = 'delivered' | 'given_up' | 'retrying' | 'pending' | 'none'

export const OVERALL_LABELS: Record<OverallDelivery, string> = {
  delivered: 'Delivered',
  given_up: 'Given up',
  retrying: 'Retrying',
  pending: 'Pending',
  none: 'Not sent',
}

/** Over a notice's deliveries, as the budgets' alerts say it: all delivered, any given up, any to be retried, not tried yet, none. */
export function overallDelivery(deliveries: NoticeDelivery[]): OverallDelivery {
  if (deliveries.length === 0) return 'none'
  if (deliveries.some((d) => d.state === 'given_up')) return 'given_up'
  if (deliveries.some((d) => d.state === 'failed')) return 'retrying'
  if (deliveries.some((d) => d.state === 'pending')) return 'pending'
  return 'delivered'
}

/** A usage rule's state from its newest notice: firing after "fired", else ok. */
export function firingOf(notices: Notice[]): boolean {
  const last = notices.find((n) => n.type === 'rule.fired' || n.type === 'rule.resolved')
  return last?.type === 'rule.fired'
}
