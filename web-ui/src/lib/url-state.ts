/**
 * The dashboard's shareable state: the date range, the zone and the filters, read from and
 * written to the URL's query string. Pure functions, so the rules are unit-tested; the hooks in
 * `use-dashboard-query.ts` bind them to the browser's location.
 */
import type { BucketUnit, Dimension, Status } from '@/types/models'

export const RANGE_PRESETS = ['today', 'yesterday', 'thisWeek', 'lastWeek', '7d', '30d', '90d', 'mtd', 'lastMonth', 'ytd', 'all'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]
export type RangeKind = RangePreset | 'custom'

export const DEFAULT_RANGE: RangePreset = '7d'

/** The filter dimensions the dashboard offers, in the order the filter bar shows them. */
export const DIMENSIONS: readonly Dimension[] = ['provider', 'model', 'project', 'apiKey', 'endpoint', 'status', 'user', 'serviceTier']

export const STATUSES: readonly Status[] = ['success', 'error', 'timeout']

/** The billing tiers of API.md §4; a fixed set, so the filter offers them without asking the API. */
export const SERVICE_TIERS = ['standard', 'batch', 'flex', 'priority'] as const

/** The chosen timeline bucket; absent, the bucket follows the range ({@link bucketFor}). */
export const BUCKET_CHOICES = ['hour', 'day', 'week', 'month'] as const satisfies readonly BucketUnit[]
export type BucketChoice = (typeof BUCKET_CHOICES)[number]

/** A filter: a dimension, or a tag key as the API names it (`tag.env`). */
export type FilterKey = Dimension | `tag.${string}`

export const TAG_KEY = /^[A-Za-z0-9_.-]{1,64}$/

export type Filters = Partial<Record<FilterKey, string[]>>

/** The filters in display order: the dimensions in their order, then the tags by key. */
export function filterKeys(filters: Filters): FilterKey[] {
  const tags = (Object.keys(filters) as FilterKey[]).filter((k) => k.startsWith('tag.')).sort()
  return [...DIMENSIONS.filter((d) => filters[d] !== undefined), ...tags]
}

export function isTagFilter(key: string): key is `tag.${string}` {
  return key.startsWith('tag.') && TAG_KEY.test(key.slice(4))
}

export interface DashboardQuery {
  range: RangeKind
  /** First day of a custom range, YYYY-MM-DD, local to `tz`. */
  from?: string
  /** Last day of a custom range, inclusive (the API's `to` is the day after). */
  to?: string
  /** IANA zone; in the URL only when it differs from the browser's. */
  tz: string
  filters: Filters
  /** The timeline bucket the user chose; absent, it follows the range. */
  bucket?: BucketChoice
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DASHBOARD_KEYS = ['range', 'from', 'to', 'tz', 'bucket', ...DIMENSIONS]

export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function isDate(text: string | null | undefined): text is string {
  if (!text || !DATE.test(text)) {
    return false
  }
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
}

/** Reads the dashboard state; anything invalid falls back to the default rather than failing. */
export function readDashboard(params: URLSearchParams, defaultZone: string): DashboardQuery {
  const tzParam = params.get('tz')
  const tz = tzParam && isZone(tzParam) ? tzParam : defaultZone
  const filters: Filters = {}
  const tagKeys = unique([...params.keys()].filter(isTagFilter))
  for (const key of [...DIMENSIONS, ...tagKeys] as FilterKey[]) {
    const values = unique(params.getAll(key).filter((v) => v.length > 0 && v.length <= 256))
    const allowed = key === 'status' ? values.filter((v) => (STATUSES as readonly string[]).includes(v)) : values
    if (allowed.length > 0) {
      filters[key] = allowed
    }
  }
  const bucketParam = params.get('bucket')
  const bucket = (BUCKET_CHOICES as readonly string[]).includes(bucketParam ?? '') ? (bucketParam as BucketChoice) : undefined
  const withBucket = <T extends DashboardQuery>(q: T): T => (bucket ? { ...q, bucket } : q)
  const range = params.get('range')
  const from = params.get('from')
  const to = params.get('to')
  if (range === 'custom' || (range === null && (from !== null || to !== null))) {
    if (isDate(from) && isDate(to) && from <= to) {
      return withBucket({ range: 'custom', from, to, tz, filters })
    }
    return withBucket({ range: DEFAULT_RANGE, tz, filters })
  }
  const preset = (RANGE_PRESETS as readonly string[]).includes(range ?? '') ? (range as RangePreset) : DEFAULT_RANGE
  return withBucket({ range: preset, tz, filters })
}

/** `params` with the dashboard's keys replaced by `query`'s (other keys, e.g. a log sort, are kept). */
export function writeDashboard(params: URLSearchParams, query: DashboardQuery, defaultZone: string): URLSearchParams {
  const next = new URLSearchParams()
  for (const [key, value] of params) {
    if (!DASHBOARD_KEYS.includes(key) && !key.startsWith('tag.')) {
      next.append(key, value)
    }
  }
  if (query.range === 'custom' && query.from && query.to) {
    next.set('from', query.from)
    next.set('to', query.to)
  } else if (query.range !== DEFAULT_RANGE && query.range !== 'custom') {
    next.set('range', query.range)
  }
  if (query.tz !== defaultZone) {
    next.set('tz', query.tz)
  }
  if (query.bucket) {
    next.set('bucket', query.bucket)
  }
  for (const key of filterKeys(query.filters)) {
    for (const value of query.filters[key] ?? []) {
      next.append(key, value)
    }
  }
  return next
}

/** The query string for `query` alone, with a leading `?` when not empty. */
export function dashboardSearch(query: DashboardQuery, defaultZone: string): string {
  const text = writeDashboard(new URLSearchParams(), query, defaultZone).toString()
  return text ? `?${text}` : ''
}

/** The API's common parameters (range or from/to, tz, filters): only these, since unknown ones are a 400. */
export function toApiParams(query: DashboardQuery, options: { omitRange?: boolean; omit?: FilterKey; now?: Date } = {}): URLSearchParams {
  const params = new URLSearchParams()
  if (!options.omitRange) {
    const days = presetDays(query.range, query.tz, options.now ?? new Date())
    if (query.range === 'custom' && query.from && query.to) {
      params.set('from', query.from)
      params.set('to', nextDay(query.to))
    } else if (days) {
      params.set('from', days.from)
      params.set('to', days.toExclusive)
    } else {
      params.set('range', query.range === 'custom' ? DEFAULT_RANGE : query.range)
    }
  }
  params.set('tz', query.tz)
  for (const key of filterKeys(query.filters)) {
    if (key === options.omit) {
      continue
    }
    for (const value of query.filters[key] ?? []) {
      params.append(key, value)
    }
  }
  return params
}

/** Today's date (YYYY-MM-DD) in `tz`. */
export function localToday(tz: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * The local days of the presets the API has no name for (this week, last week, last month; weeks
 * start on Monday, as the API's), as from and the exclusive to; null for the presets the API names.
 */
export function presetDays(range: RangeKind, tz: string, now: Date = new Date()): { from: string; toExclusive: string } | null {
  const today = localToday(tz, now)
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
  const monday = addDays(today, -weekday)
  const monthStart = `${today.slice(0, 7)}-01`
  switch (range) {
    case 'thisWeek':
      return { from: monday, toExclusive: addDays(today, 1) }
    case 'lastWeek':
      return { from: addDays(monday, -7), toExclusive: monday }
    case 'lastMonth': {
      const d = new Date(`${monthStart}T00:00:00Z`)
      d.setUTCMonth(d.getUTCMonth() - 1)
      return { from: d.toISOString().slice(0, 10), toExclusive: monthStart }
    }
    default:
      return null
  }
}

export function withFilter(query: DashboardQuery, dimension: FilterKey, value: string): DashboardQuery {
  const current = query.filters[dimension] ?? []
  if (current.includes(value)) {
    return query
  }
  return { ...query, filters: { ...query.filters, [dimension]: [...current, value] } }
}

export function withFilterValues(query: DashboardQuery, dimension: FilterKey, values: string[]): DashboardQuery {
  const filters = { ...query.filters }
  if (values.length === 0) {
    delete filters[dimension]
  } else {
    filters[dimension] = unique(values)
  }
  return { ...query, filters }
}

export function withoutFilter(query: DashboardQuery, dimension: FilterKey, value?: string): DashboardQuery {
  const remaining = value === undefined ? [] : (query.filters[dimension] ?? []).filter((v) => v !== value)
  return withFilterValues(query, dimension, remaining)
}

export function activeFilterCount(query: DashboardQuery): number {
  return filterKeys(query.filters).reduce((sum, d) => sum + (query.filters[d]?.length ?? 0), 0)
}

/** The bucket the user chose, else one that gives a readable number of points for the range (about 24 to 200). */
export function bucketFor(query: DashboardQuery): BucketUnit {
  if (query.bucket) {
    return query.bucket
  }
  switch (query.range) {
    case 'today':
    case 'yesterday':
    case 'thisWeek':
    case 'lastWeek':
    case '7d':
      return 'hour'
    case '30d':
    case '90d':
    case 'mtd':
    case 'lastMonth':
      return 'day'
    case 'ytd':
      return 'week'
    case 'all':
      return 'month'
    case 'custom': {
      const days = query.from && query.to ? daysBetween(query.from, query.to) : 7
      if (days <= 7) return 'hour'
      if (days <= 180) return 'day'
      if (days <= 3 * 366) return 'week'
      return 'month'
    }
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

export const DIMENSION_LABELS: Record<Dimension, string> = {
  provider: 'Provider',
  model: 'Model',
  project: 'Project',
  apiKey: 'API key',
  endpoint: 'Endpoint',
  status: 'Status',
  user: 'User',
  serviceTier: 'Service tier',
}

/** A filter's label: the dimension's, or "Tag env". */
export function filterLabel(key: FilterKey): string {
  return key.startsWith('tag.') ? `Tag ${key.slice(4)}` : DIMENSION_LABELS[key as Dimension]
}

export const RANGE_LABELS: Record<RangeKind, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  mtd: 'Month to date',
  thisWeek: 'This week',
  lastWeek: 'Last week',
  lastMonth: 'Last month',
  ytd: 'Year to date',
  all: 'All time',
  custom: 'Custom',
}
