import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { RecentErrors } from '@/types/models'

export function getErrors(params: URLSearchParams, signal?: AbortSignal): Promise<RecentErrors> {
  return apiGet<RecentErrors>('/usage/errors', params, { signal })
}

export function errorsQueryOptions(query: DashboardQuery, limit: number) {
  const params = toApiParams(query)
  params.set('limit', String(limit))
  return queryOptions({
    queryKey: ['usage', 'errors', params.toString()],
    queryFn: ({ signal }) => getErrors(params, signal),
  })
}

export function useErrors(query: DashboardQuery, limit = 10) {
  return useQuery({ ...errorsQueryOptions(query, limit), placeholderData: keepPreviousData })
}
