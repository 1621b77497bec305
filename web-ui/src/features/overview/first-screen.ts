import type { QueryClient } from '@tanstack/react-query'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Forecast, Periods, Summary } from '@/types/models'
import { breakdownQueryOptions, type BreakdownOptions } from './api/get-breakdown'
import { errorsQueryOptions } from './api/get-errors'
import { timelineQueryOptions, type TimelineOptions } from './api/get-timeline'
import { usageQueryOptions } from './api/usage-query'

/** The overview's one timeline request: the range's buckets and, in the same answer, the previous period's. */
export const COMPARED: TimelineOptions = { compare: true }
/** Cost by provider (the donut). */
export const PROVIDERS: BreakdownOptions = { by: 'provider', sort: 'cost', limit: 8 }
/** The API key table. */
export const API_KEYS: BreakdownOptions = { by: 'apiKey', sort: 'cost', limit: 20 }
/** The bar charts' rows (and their tables'). */
export const BAR_LIMIT = 10
/** The bar charts, in page order: what each breaks down, and how it is sorted as a chart. */
export const BARS = {
  project: { by: 'project', sort: 'cost', limit: BAR_LIMIT },
  model: { by: 'model', sort: 'tokens', limit: BAR_LIMIT },
  endpoint: { by: 'endpoint', sort: 'requests', limit: BAR_LIMIT },
  serviceTier: { by: 'serviceTier', sort: 'cost', limit: BAR_LIMIT },
} as const satisfies Record<string, BreakdownOptions>
/** The recent errors list. */
export const ERRORS_LIMIT = 10

export const summaryQueryOptions = (query: DashboardQuery) => usageQueryOptions<Summary>('summary', toApiParams(query))
/** Today, this week, this month and all time: fixed periods, so only the zone and filters are sent. */
export const periodsQueryOptions = (query: DashboardQuery) => usageQueryOptions<Periods>('periods', toApiParams(query, { omitRange: true }))
/** This month in the zone, whatever the range: only the zone and filters are sent. */
export const forecastQueryOptions = (query: DashboardQuery) =>
  usageQueryOptions<Forecast>('forecast', toApiParams(query, { omitRange: true }))

/**
 * Asks for every request the overview's first screen makes, with the very query keys its panels use,
 * before React has rendered anything: the panels then find their requests already out (TanStack Query
 * does not ask twice for a key in flight). Started from `main.tsx` right after the scripts run, they
 * leave 100-200 ms sooner than from the panels' effects, which run only after the whole page's first
 * render and commit. The order is the browser's: it sends six at a time to this host, the rest wait.
 * The breakdown by user or tag (below the fold) is not here: its panel asks for it once a connection
 * is free (`usePrefetchWhenConnectionFree`).
 */
export function prefetchFirstScreen(client: QueryClient, query: DashboardQuery): void {
  // prefetchQuery's promise never rejects: a failure is the panel's to show (and retry) once it renders.
  void client.prefetchQuery(summaryQueryOptions(query))
  void client.prefetchQuery(timelineQueryOptions(query, COMPARED))
  void client.prefetchQuery(periodsQueryOptions(query))
  void client.prefetchQuery(forecastQueryOptions(query))
  void client.prefetchQuery(breakdownQueryOptions(query, PROVIDERS))
  for (const bar of Object.values(BARS)) {
    void client.prefetchQuery(breakdownQueryOptions(query, bar))
  }
  void client.prefetchQuery(breakdownQueryOptions(query, API_KEYS))
  void client.prefetchQuery(errorsQueryOptions(query, ERRORS_LIMIT))
}
