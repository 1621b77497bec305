import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Breakdown, BreakdownSort, Grouping } from '@/types/models'

export interface BreakdownOptions {
  by: Grouping
  sort: BreakdownSort
  limit: number
}

export function getBreakdown(params: URLSearchParams, signal?: AbortSignal): Promise<Breakdown> {
  return apiGet<Breakdown>('/usage/breakdown', params, { signal })
}

export function breakdownQueryOptions(query: DashboardQuery, { by, sort, limit }: BreakdownOptions) {
  const params = toApiParams(query)
  params.set('by', by)
  params.set('sort', sort)
  params.set('limit', String(limit))
  // No breakdown panel shows a percentile, and leaving them out spares the service every latency histogram.
  params.set('percentiles', 'false')
  return queryOptions({
    queryKey: ['usage', 'breakdown', params.toString()],
    queryFn: ({ signal }) => getBreakdown(params, signal),
  })
}

export function useBreakdown(query: DashboardQuery, options: BreakdownOptions, enabled = true) {
  return useQuery({ ...breakdownQueryOptions(query, options), enabled, placeholderData: keepPreviousData })
}
