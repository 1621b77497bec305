/**
 * The dashboard's shareable state: the date range, the zone and the filters, read from and
 * written to the URL's query string. Pure functions, so the rules are unit-tested; the hooks in
 * `use-dashboard-query.ts` bind them to the browser's location.
 */
import type { BucketUnit, Dimension, Status } from '@/types/api'

export const RANGE_PRESETS = ['today', 'yesterday', '7d', '30d', '90d', 'mtd'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]
export type RangeKind = RangePreset | 'custom'

export const DEFAULT_RANGE: RangePreset = '7d'

/** The filter dimensions the dashboard offers, in the order the filter bar shows them. */
export const DIMENSIONS: readonly Dimension[] = ['provider', 'model', 'project', 'apiKey', 'endpoint', 'status', 'serviceTier']

export const STATUSES: readonly Status[] = ['success', 'error', 'timeout']

/** The billing tiers of API.md §4; a fixed set, so the filter offers them without asking the API. */
export const SERVICE_TIERS = ['standard', 'batch', 'flex', 'priority'] as const

export type Filters = Partial<Record<Dimension, string[]>>

export interface DashboardQuery {
  range: RangeKind
  /** First day of a custom range, YYYY-MM-DD, local to `tz`. */
  from?: string
  /** Last day of a custom range, inclusive (the API's `to` is the day after). */
  to?: string
  /** IANA zone; in the URL only when it differs from the browser's. */
  tz: string
  filters: Filters
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DASHBOARD_KEYS = ['range', 'from', 'to', 'tz', ...DIMENSIONS]

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
  for (const dimension of DIMENSIONS) {
    const values = unique(params.getAll(dimension).filter((v) => v.length > 0 && v.length <= 256))
    const allowed = dimension === 'status' ? values.filter((v) => (STATUSES as readonly string[]).includes(v)) : values
    if (allowed.length > 0) {
      filters[dimension] = allowed
    }
  }
  const range = params.get('range')
  const from = params.get('from')
  const to = params.get('to')
  if (range === 'custom' || (range === null && (from !== null || to !== null))) {
    if (isDate(from) && isDate(to) && from <= to) {
      return { range: 'custom', from, to, tz, filters }
    }
    return { range: DEFAULT_RANGE, tz, filters }
  }
  const preset = (RANGE_PRESETS as readonly string[]).includes(range ?? '') ? (range as RangePreset) : DEFAULT_RANGE
  return { range: preset, tz, filters }
}

/** `params` with the dashboard's keys replaced by `query`'s (other keys, e.g. a log sort, are kept). */
export function writeDashboard(params: URLSearchParams, query: DashboardQuery, defaultZone: string): URLSearchParams {
  const next = new URLSearchParams()
  for (const [key, value] of params) {
    if (!DASHBOARD_KEYS.includes(key)) {
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
  for (const dimension of DIMENSIONS) {
    for (const value of query.filters[dimension] ?? []) {
      next.append(dimension, value)
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
export function toApiParams(query: DashboardQuery, options: { omitRange?: boolean; omit?: Dimension } = {}): URLSearchParams {
  const params = new URLSearchParams()
  if (!options.omitRange) {
    if (query.range === 'custom' && query.from && query.to) {
      params.set('from', query.from)
      params.set('to', nextDay(query.to))
    } else {
      params.set('range', query.range === 'custom' ? DEFAULT_RANGE : query.range)
    }
  }
  params.set('tz', query.tz)
  for (const dimension of DIMENSIONS) {
    if (dimension === options.omit) {
      continue
    }
    for (const value of query.filters[dimension] ?? []) {
      params.append(dimension, value)
    }
  }
  return params
}

export function withFilter(query: DashboardQuery, dimension: Dimension, value: string): DashboardQuery {
  const current = query.filters[dimension] ?? []
  if (current.includes(value)) {
    return query
  }
  return { ...query, filters: { ...query.filters, [dimension]: [...current, value] } }
}

export function withFilterValues(query: DashboardQuery, dimension: Dimension, values: string[]): DashboardQuery {
  const filters = { ...query.filters }
  if (values.length === 0) {
    delete filters[dimension]
  } else {
    filters[dimension] = unique(values)
  }
  return { ...query, filters }
}

export function withoutFilter(query: DashboardQuery, dimension: Dimension, value?: string): DashboardQuery {
  const remaining = value === undefined ? [] : (query.filters[dimension] ?? []).filter((v) => v !== value)
  return withFilterValues(query, dimension, remaining)
}

export function activeFilterCount(query: DashboardQuery): number {
  return DIMENSIONS.reduce((sum, d) => sum + (query.filters[d]?.length ?? 0), 0)
}

/** The bucket that gives a readable number of points for the range (about 24 to 200). */
export function bucketFor(query: DashboardQuery): BucketUnit {
  switch (query.range) {
    case 'today':
    case 'yesterday':
    case '7d':
      return 'hour'
    case '30d':
    case '90d':
    case 'mtd':
      return 'day'
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
  serviceTier: 'Service tier',
}

export const RANGE_LABELS: Record<RangeKind, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  mtd: 'Month to date',
  custom: 'Custom',
}
