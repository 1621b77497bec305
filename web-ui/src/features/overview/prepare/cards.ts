/** Summary and forecast JSON → the overview's cards and period strip. */
import { formatChange, formatCompact, formatInteger, formatLatency, formatPercent, formatPoints, formatUsd } from '@/lib/format'
import { daysBetween, type DashboardQuery, type RangePreset } from '@/lib/url-state'
import type { Forecast, Periods, Summary } from '@/types/models'

export type Tone = 'good' | 'bad' | 'neutral'

export interface Change {
  text: string
  tone: Tone
  direction: 'up' | 'down' | 'flat'
}

export interface CardModel {
  id: string
  label: string
  value: string
  /** The exact number, where `value` is rounded (1.2M). */
  exact?: string
  /** Null when the previous period had nothing to compare with. */
  change: Change | null
  /** What this card's change is measured against, when not the previous period. */
  comparison?: string
  hint?: string
}

/** Which way is better: success rate up is good, latency up is bad, usage and spend are neither. */
type Better = 'up' | 'down' | 'neither'

/** (current − previous) / previous; null when there is no previous value to compare with. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) {
    return current !== null && current === previous ? 0 : null
  }
  return (current - previous) / previous
}

function tone(delta: number, better: Better): Tone {
  if (delta === 0 || better === 'neither') {
    return 'neutral'
  }
  return delta > 0 === (better === 'up') ? 'good' : 'bad'
}

function direction(delta: number): Change['direction'] {
  return delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat'
}

export function percentChange(current: number | null, previous: number | null, better: Better): Change | null {
  const ratio = relativeChange(current, previous)
  if (ratio === null) {
    return null
  }
  return { text: formatChange(ratio), tone: tone(ratio, better), direction: direction(ratio) }
}

/** A change of a rate, in percentage points (99.1% → 98.6% is −0.5 pp, not −0.5%). */
export function pointChange(current: number | null, previous: number | null, better: Better): Change | null {
  if (current === null || previous === null) {
    return null
  }
  const points = Math.round((current - previous) * 1000) / 10
  return { text: formatPoints(points), tone: tone(points, better), direction: direction(points) }
}

export function successRate(summary: Pick<Summary, 'requests' | 'successes'>): number | null {
  return summary.requests > 0 ? summary.successes / summary.requests : null
}

const SAME_DAYS_BEFORE = 'vs the same number of days before'

/** What a preset range's change is measured against, in words. */
const COMPARED_WITH: Record<RangePreset, string> = {
  today: 'vs yesterday',
  yesterday: 'vs the day before',
  '7d': 'vs previous 7 days',
  '30d': 'vs previous 30 days',
  '90d': 'vs previous 90 days',
  mtd: SAME_DAYS_BEFORE,
  thisWeek: SAME_DAYS_BEFORE,
  lastMonth: SAME_DAYS_BEFORE,
  ytd: SAME_DAYS_BEFORE,
  lastWeek: 'vs the week before',
  all: 'vs the same span before',
}

/** What the change is measured against, in words. */
export function comparisonLabel(query: DashboardQuery): string {
  if (query.range !== 'custom') {
    return COMPARED_WITH[query.range]
  }
  const days = query.from && query.to ? daysBetween(query.from, query.to) : 0
  return days === 1 ? 'vs the day before' : `vs previous ${days} days`
}

function count(id: string, label: string, value: number, previous: number | null): CardModel {
  return { id, label, value: formatCompact(value), exact: formatInteger(value), change: percentChange(value, previous, 'neither') }
}

/** The cards of the summary, in reading order. A previous period without requests gives no change. */
export function prepareCards(summary: Summary): CardModel[] {
  const before = summary.previous && summary.previous.requests > 0 ? summary.previous : null
  const rate = successRate(summary)
  const cards: CardModel[] = [
    count('requests', 'Requests', summary.requests, before?.requests ?? null),
    {
      id: 'successRate',
      label: 'Success rate',
      value: formatPercent(rate),
      change: pointChange(rate, before ? successRate(before) : null, 'up'),
      hint: summary.requests > 0 ? `${formatInteger(summary.errors)} errors · ${formatInteger(summary.timeouts)} timeouts` : undefined,
    },
    {
      id: 'avgLatency',
      label: 'Avg latency',
      value: formatLatency(summary.avgLatencyMs),
      change: percentChange(summary.avgLatencyMs, before?.avgLatencyMs ?? null, 'down'),
    },
    {
      id: 'p95Latency',
      label: 'p95 latency',
      value: formatLatency(summary.p95LatencyMs),
      change: percentChange(summary.p95LatencyMs, before?.p95LatencyMs ?? null, 'down'),
    },
    count('inputTokens', 'Input tokens', summary.inputTokens, before?.inputTokens ?? null),
    count('outputTokens', 'Output tokens', summary.outputTokens, before?.outputTokens ?? null),
    count('totalTokens', 'Total tokens', summary.totalTokens, before?.totalTokens ?? null),
    {
      ...count('cachedInputTokens', 'Cached tokens', summary.cachedInputTokens, before?.cachedInputTokens ?? null),
      hint: summary.inputTokens > 0 ? `${formatPercent(summary.cachedInputTokens / summary.inputTokens)} of input` : undefined,
    },
    {
      id: 'cost',
      label: 'Cost',
      value: formatUsd(summary.costUsd),
      change: percentChange(summary.costUsd, before?.costUsd ?? null, 'neither'),
      hint: summary.unpricedRequests > 0 ? `${formatInteger(summary.unpricedRequests)} requests without a price` : undefined,
    },
  ]
  return cards
}

/** The projected month-end cost, compared with last month's whole cost. */
export function prepareForecastCard(forecast: Forecast): CardModel {
  const projected = forecast.projectedMonthEnd
  const previous = forecast.lastMonth.requests > 0 ? forecast.lastMonth.costUsd : null
  return {
    id: 'forecast',
    label: 'Projected month-end cost',
    value: formatUsd(projected.costUsd),
    change: percentChange(projected.costUsd, previous, 'neither'),
    comparison: 'vs last month',
    hint: `${formatUsd(projected.low.costUsd)} – ${formatUsd(projected.high.costUsd)} · ${formatUsd(forecast.monthToDate.costUsd)} so far`,
  }
}

/** Projected month-end requests and tokens, each against last month, with the forecast's range and what is done so far. */
export function prepareForecastCountCards(forecast: Forecast): CardModel[] {
  const projected = forecast.projectedMonthEnd
  const hadLastMonth = forecast.lastMonth.requests > 0
  const card = (id: string, label: string, field: 'requests' | 'totalTokens'): CardModel => ({
    id,
    label,
    value: formatCompact(projected[field]),
    exact: formatInteger(projected[field]),
    change: percentChange(projected[field], hadLastMonth ? forecast.lastMonth[field] : null, 'neither'),
    comparison: 'vs last month',
    hint: `${formatCompact(projected.low[field])} – ${formatCompact(projected.high[field])} · ${formatCompact(forecast.monthToDate[field])} so far`,
  })
  return [
    card('forecastRequests', 'Projected month-end requests', 'requests'),
    card('forecastTokens', 'Projected month-end tokens', 'totalTokens'),
  ]
}

export interface PeriodModel {
  id: keyof Omit<Periods, 'tz'>
  label: string
  requests: string
  tokens: string
  cost: string
  exactRequests: string
  exactTokens: string
}

const PERIOD_LABELS: Record<PeriodModel['id'], string> = {
  today: 'Today',
  thisWeek: 'This week',
  thisMonth: 'This month',
  allTime: 'All time',
}

export function preparePeriods(periods: Periods): PeriodModel[] {
  return (Object.keys(PERIOD_LABELS) as PeriodModel['id'][]).map((id) => ({
    id,
    label: PERIOD_LABELS[id],
    requests: formatCompact(periods[id].requests),
    tokens: formatCompact(periods[id].totalTokens),
    cost: formatUsd(periods[id].costUsd),
    exactRequests: formatInteger(periods[id].requests),
    exactTokens: formatInteger(periods[id].totalTokens),
  }))
}
