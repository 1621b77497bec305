/**
 * The query API's JSON, as the query service writes it (API.md §3). Amounts are USD numbers,
 * times RFC 3339 strings; a latency is null where there were no requests to measure.
 */

export type Dimension = 'provider' | 'model' | 'project' | 'apiKey' | 'endpoint' | 'status'

export type Status = 'success' | 'error' | 'timeout'

export interface Distinct {
  models: number
  endpoints: number
  apiKeys: number
  projects: number
}

export interface Summary {
  requests: number
  successes: number
  errors: number
  timeouts: number
  errorRate: number
  inputTokens: number
  cachedInputTokens: number
  cacheWriteTokens: number
  outputTokens: number
  reasoningTokens: number
  totalTokens: number
  costUsd: number
  unpricedRequests: number
  avgLatencyMs: number | null
  p50LatencyMs: number | null
  p95LatencyMs: number | null
  p99LatencyMs: number | null
  distinct: Distinct
  /** The period of equal length just before; its own `previous` is null. */
  previous: Summary | null
}

export interface TimelinePoint {
  start: string
  end: string
  requests: number
  successes: number
  errors: number
  timeouts: number
  inputTokens: number
  cachedInputTokens: number
  cacheWriteTokens: number
  outputTokens: number
  reasoningTokens: number
  totalTokens: number
  costUsd: number
  unpricedRequests: number
  avgLatencyMs: number | null
  p95LatencyMs: number | null
}

export interface TimelineSeries {
  /** Null for events without a value in the grouped dimension (e.g. no project). */
  key: string | null
  /** The sum of every key outside the top N. */
  other: boolean
  points: TimelinePoint[]
}

export type BucketUnit = 'minute' | 'hour' | 'day' | 'week' | 'month'

export interface Timeline {
  bucket: BucketUnit
  tz: string
  from: string
  to: string
  buckets: TimelinePoint[]
  series: TimelineSeries[] | null
}

export interface BreakdownRow {
  key: string | null
  requests: number
  successes: number
  errors: number
  errorRate: number
  inputTokens: number
  outputTokens: number
  totalTokens: number
  costUsd: number
  share: number
  avgLatencyMs: number | null
  p95LatencyMs: number | null
  lastSeen: string | null
}

export type BreakdownSort = 'cost' | 'requests' | 'tokens' | 'errorRate' | 'latency'

export interface Breakdown {
  by: string
  sort: BreakdownSort
  rows: BreakdownRow[]
  other: BreakdownRow | null
  total: BreakdownRow
}

export interface Values {
  dimension: string
  values: string[]
}

export interface PeriodTotals {
  requests: number
  totalTokens: number
  costUsd: number
}

export interface Periods {
  tz: string
  today: PeriodTotals
  thisWeek: PeriodTotals
  thisMonth: PeriodTotals
  allTime: PeriodTotals
}

export interface Projection extends PeriodTotals {
  low: PeriodTotals
  high: PeriodTotals
}

export interface Forecast {
  tz: string
  month: string
  from: string
  to: string
  asOf: string
  monthToDate: PeriodTotals
  projectedMonthEnd: Projection
  method: string
}

export interface UsageEvent {
  id: string
  tenant: string
  time: string
  provider: string
  model: string
  endpoint: string
  project: string | null
  apiKey: string | null
  user: string | null
  status: Status
  error: { type: string | null; message: string | null } | null
  latencyMs: number | null
  usage: {
    inputTokens: number
    cachedInputTokens: number
    cacheWriteTokens: number
    outputTokens: number
    reasoningTokens: number
  }
  totalTokens: number
  costUsd: number
  priced: boolean
  costSource: string
  priceRef: string | null
  tags: Record<string, unknown>
}

export type LogSort = 'time' | 'cost' | 'totalTokens' | 'inputTokens' | 'outputTokens' | 'latency'

export type SortOrder = 'desc' | 'asc'

export interface EventPage {
  items: UsageEvent[]
  nextCursor: string | null
  totalCount: number
}

export interface RecentErrors {
  items: UsageEvent[]
}

/** RFC 9457 problem details; `parameter` names the bad query parameter of a 400. */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  parameter?: string
}
