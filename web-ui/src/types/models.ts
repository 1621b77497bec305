/**
 * The query API's JSON, as the query service writes it (API.md §3). Amounts are USD numbers,
 * times RFC 3339 strings; a latency is null where there were no requests to measure.
 */
import type { components } from './api'

export type Dimension = 'provider' | 'model' | 'project' | 'apiKey' | 'endpoint' | 'status' | 'user' | 'serviceTier'

/** What a breakdown groups by: a dimension or a tag key. */
export type Grouping = Dimension | `tag:${string}`

export type Status = 'success' | 'error' | 'timeout'

export interface Distinct {
  models: number
  endpoints: number
  apiKeys: number
  projects: number
}

/** What every aggregate counts: a summary, a timeline bucket, a breakdown row. */
interface Counts {
  requests: number
  successes: number
  errors: number
  inputTokens: number
  outputTokens: number
  totalTokens: number
  costUsd: number
  avgLatencyMs: number | null
  p95LatencyMs: number | null
}

/** The summary's and a timeline bucket's counts: every token kind, timeouts and unpriced requests too. */
interface DetailedCounts extends Counts {
  timeouts: number
  cachedInputTokens: number
  cacheWriteTokens: number
  reasoningTokens: number
  unpricedRequests: number
}

export interface Summary extends DetailedCounts {
  errorRate: number
  p50LatencyMs: number | null
  p99LatencyMs: number | null
  distinct: Distinct
  /** The period of equal length just before; its own `previous` is null. */
  previous: Summary | null
}

export interface TimelinePoint extends DetailedCounts {
  start: string
  end: string
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
  /** With `compare=previous`: the period of equal length just before, in buckets of the same unit. */
  previous?: PreviousPeriod | null
}

export interface PreviousPeriod {
  from: string
  to: string
  buckets: TimelinePoint[]
}

export interface BreakdownRow extends Counts {
  key: string | null
  errorRate: number
  share: number
  lastSeen: string | null
}

export type BreakdownSort = 'cost' | 'requests' | 'tokens' | 'errorRate' | 'latency' | 'lastSeen'

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
  lastMonth: PeriodTotals
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
  /** The billing tier (API.md §4): standard, batch, flex or priority. */
  serviceTier: string
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

export type LogSort = 'time' | 'cost' | 'totalTokens' | 'inputTokens' | 'outputTokens' | 'latency' | 'project' | 'model'

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

/** One effective-dated price, USD per 1 000 000 tokens; a null cachedInput/cacheWrite means input applies, a null reasoning output. */
export interface PriceEntry {
  source: PriceSource
  effectiveFrom: string
  input: number
  output: number
  cachedInput: number | null
  cacheWrite: number | null
  reasoning: number | null
  tiers: { aboveInputTokens: number; input: number; output: number }[]
  /** The page a built-in price was read from; null for the tenant's own prices. */
  url: string | null
  reference: string
  /** Prices of the batch, flex and priority tiers (API.md §4): a `multiplier` of the standard ones, or explicit prices. */
  serviceTiers: Record<string, Partial<Record<'multiplier' | 'input' | 'cachedInput' | 'cacheWrite' | 'output' | 'reasoning', number>>>
  /** USD per ONE unit (images, audioInputTokens, webSearches, ...), not per 1M. */
  units: Record<string, number>
  /** For a price of calls without a model (listed as model `@endpoint`): the endpoint it prices. */
  endpoint: string | null
}

export type PriceSource = 'builtin' | 'override'

export interface PriceItem {
  provider: string
  model: string
  /** Where `current` comes from. */
  source: PriceSource
  /** The entry in force now; null when the model's only prices start in the future. */
  current: PriceEntry | null
  /** Both sources, latest first, future-dated entries included. */
  history: PriceEntry[]
}

export interface PriceList {
  asOf: string
  items: PriceItem[]
  aliases: { provider: string; pattern: string; model: string }[]
  /** Other provider names and whose prices they use; the tenant's own win. */
  providerAliases: {
    builtin: Record<string, string>
    byModelPrefix: Record<string, Record<string, string>>
    tenant: Record<string, string>
  }
}

/** A price as an open price file gives it (`raw`, in the file's unit) and as it is stored (per 1M, 6 decimals). */
export interface ImportedAmount {
  raw: string
  perMillion: number
  rounded: boolean
}

export interface PriceImportItem {
  key: string
  provider: string
  model: string
  prices: Record<string, ImportedAmount>
  serviceTiers: Record<string, Record<string, ImportedAmount>>
  units: Record<string, number>
  before: Pick<PriceEntry, 'source' | 'effectiveFrom' | 'input' | 'output' | 'cachedInput' | 'cacheWrite' | 'reasoning'> | null
}

/** The answer of `POST /prices/import`: the diff, applied unless `dryRun`. */
export interface PriceImportResult {
  format: 'litellm' | 'genai-prices'
  effectiveFrom: string
  dryRun: boolean
  counts: { added: number; changed: number; unchanged: number; skipped: number }
  added: PriceImportItem[]
  changed: PriceImportItem[]
  unchanged: PriceImportItem[]
  skipped: { key: string; reason: string }[]
}

/** The body of `PUT /prices`: a tenant's own price of a model from `effectiveFrom` on. */
export interface PriceOverride {
  provider: string
  model: string
  effectiveFrom: string
  input: number
  output: number
  cachedInput?: number
  cacheWrite?: number
  reasoning?: number
}

export interface UnpricedModel {
  provider: string
  model: string
  events: number
  inputTokens: number
  outputTokens: number
  totalTokens: number
  firstSeen: string
  lastSeen: string
  /** Whether a price now exists at lastSeen: re-pricing firstSeen..lastSeen would price these events. */
  pricedNow: boolean
}

export interface UnpricedList {
  items: UnpricedModel[]
}

export type JobState = 'queued' | 'running' | 'done' | 'failed'

export interface Job {
  id: string
  type: string
  tenant: string
  state: JobState
  from: string
  to: string
  eventsTotal: number
  eventsDone: number
  eventsRepriced: number
  daysTotal: number
  daysDone: number
  /** Days done / days total, 0 to 1. */
  progress: number
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  error: string | null
}

export type BudgetPeriodUnit = 'day' | 'week' | 'month'

/** A webhook (`url`, json or slack) or an email channel (`recipients`, url null). */
export interface BudgetChannel {
  id: string
  type: 'webhook' | 'email'
  url: string | null
  format: 'json' | 'slack' | 'email'
  hasSecret: boolean
  recipients: string[] | null
}

/** `perThreshold`: each threshold once per period; `daily`: at most one notification per budget per 24 h. */
export type NotifyPolicy = NonNullable<components['schemas']['BudgetRequest']['notify']>

/** What every alert source (a budget, usage rule, anomaly watch or digest) has. */
export interface AlertSource {
  id: string
  tenant: string
  name: string
  /** Filters by parameter name (project, tag.env, ...), values OR-ed, filters AND-ed; {} is the whole tenant. */
  scope: Record<string, string[]>
  channels: BudgetChannel[]
  createdAt: string
  updatedAt: string
}

/** A budget; exactly one of limitUsd, limitTokens is set. */
export interface Budget extends AlertSource {
  period: BudgetPeriodUnit
  tz: string
  limitUsd: number | null
  limitTokens: number | null
  /** Percents of the limit, ascending. */
  thresholds: number[]
  forecast: boolean
  /** Spent hard budgets make `GET /budgets/check` answer `allowed: false`. */
  hard: boolean
  notify: NotifyPolicy
}

/** The generated schema marks `type` and `format` required (they have defaults); the service takes them absent. */
export type BudgetChannelRequest =
  | { id?: string; type?: 'webhook'; url: string; format: 'json' | 'slack'; secret?: string }
  | { id?: string; type: 'email'; recipients: string[] }

export interface BudgetRequest {
  name: string
  scope: Record<string, string[]>
  period: BudgetPeriodUnit
  tz: string
  limitUsd?: number
  limitTokens?: number
  thresholds: number[]
  forecast: boolean
  hard: boolean
  notify: NotifyPolicy
  channels: BudgetChannelRequest[]
}

export interface BudgetStatus {
  budgetId: string
  name: string
  period: { unit: BudgetPeriodUnit; tz: string; start: string; end: string }
  asOf: string
  /** The unit of limit, spent and the projection. */
  unit: 'usd' | 'tokens'
  limit: number
  spent: number
  spentUsd: number
  spentTokens: number
  requests: number
  /** spent / limit; 1 is the limit. */
  share: number
  limitReached: boolean
  projection: {
    method: string
    endOfPeriod: number
    share: number
    /** When the limit will be crossed at the current pace; null if not within the period (or already crossed). */
    crossingAt: string | null
    exceedsLimit: boolean
    elapsedShare: number
  }
  thresholds: number[]
  thresholdsCrossed: number[]
}

export interface BudgetAlert {
  id: string
  budgetId: string
  kind: 'threshold' | 'forecast'
  threshold: number
  periodStart: string
  periodEnd: string
  share: number
  raisedAt: string
  /** Over its deliveries (from the outbox): all delivered, any given up, any to be retried, not tried yet, or nothing to send. */
  delivery: 'delivered' | 'given_up' | 'retrying' | 'pending' | 'none'
  /** False when recorded without notifying (the daily policy sent a higher threshold instead). */
  notified?: boolean
  /** One per channel; `id` is the X-Tokenmeter-Delivery header, the same on every retry. */
  deliveries: {
    id: string
    channelId: string
    format: string
    url: string
    state: 'pending' | 'failed' | 'delivered' | 'given_up'
    attempts: number
    nextAttemptAt: string | null
    lastAttemptAt: string | null
    lastStatusCode: number | null
    lastResponse: string | null
    lastError: string | null
    deliveredAt: string | null
  }[]
  /** Every attempt, in order. */
  attempts?: { channelId: string; url: string; attempt: number; statusCode: number | null; error: string | null; ok: boolean; at: string }[]
}

/** The JSON a json webhook receives (also inside each alert of `GET /alerts`). */
export interface AlertBody {
  id: string
  type: string
  tenant: string
  budget: { id: string; name: string; scope: Record<string, string[]> }
  threshold: number
  unit: 'usd' | 'tokens'
  spent: number
  limit: number
  share: number
  test: boolean
}

/** What one channel would get: a webhook's POST, or an email (url `mailto:`, `email` its parts). */
export type ChannelPreview = Omit<components['schemas']['Preview'], 'format'> & {
  format: 'json' | 'slack' | 'email'
}

export interface WouldSend {
  kind: 'threshold' | 'forecast'
  threshold: number
  alert: AlertBody
  requests: ChannelPreview[]
}

/** `POST /budgets/{id}/dry-run`: evaluated now; nothing sent or recorded. */
export interface DryRun {
  status: BudgetStatus
  wouldSend: WouldSend[]
  alreadyRaised: components['schemas']['AlreadyRaised'][]
  /** When nothing would be sent: the lowest threshold's alert as it would look. */
  sample: WouldSend | null
}

/** `POST /budgets/{id}/evaluate`. */
export type EvaluateResult = Omit<components['schemas']['EvaluateView'], 'status'> & { status: BudgetStatus }

/** `POST /budgets/{id}/test?channel=`: what the receiver answered; nothing recorded. */
export type TestSend = components['schemas']['TestSend']

export interface Page<T> {
  items: T[]
}

/** GET /usage/tag-keys: the tag keys seen in the range. */
export type TagKeys = components['schemas']['TagKeys']

/** GET /tenants (operator key only): one tenant; no first or last event without usage. */
export type TenantUsage = components['schemas']['TenantUsage']
export type TenantList = components['schemas']['TenantList']

/** POST /keys: the new key, with its secret (shown only in this answer). */
export type CreatedKey = components['schemas']['Created']
export type ListedKey = components['schemas']['Listed']
/** GET /keys: the tenant's keys, without secrets. */
export type KeyList = { items: ListedKey[] }
