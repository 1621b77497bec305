import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Periods } from '@/types/models'

export function getPeriods(params: URLSearchParams, signal?: AbortSignal): Promise<Periods> {
  return apiGet<Periods>('/usage/periods', params, { signal })
}

/** Today, this week, this month and all time: fixed periods, so only the zone and filters are sent. */
export function periodsQueryOptions(query: DashboardQuery) {
  const params = toApiParams(query, { omitRange: true })
  return queryOptions({
    queryKey: ['usage', 'periods', params.toString()],
    queryFn: ({ signal }) => getPeriods(params, signal),
  })
}

export function usePeriods(query: DashboardQuery) {
  return useQuery({ ...periodsQueryOptions(query), placeholderData: keepPreviousData })
}
