import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Summary } from '@/types/models'

export function getSummary(params: URLSearchParams, signal?: AbortSignal): Promise<Summary> {
  return apiGet<Summary>('/usage/summary', params, { signal })
}

export function summaryQueryOptions(query: DashboardQuery) {
  const params = toApiParams(query)
  return queryOptions({
    queryKey: ['usage', 'summary', params.toString()],
    queryFn: ({ signal }) => getSummary(params, signal),
  })
}

export function useSummary(query: DashboardQuery, enabled = true) {
  return useQuery({ ...summaryQueryOptions(query), enabled, placeholderData: keepPreviousData })
}
