import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Forecast } from '@/types/models'

export function getForecast(params: URLSearchParams, signal?: AbortSignal): Promise<Forecast> {
  return apiGet<Forecast>('/usage/forecast', params, { signal })
}

/** This month in the zone, whatever the range: only the zone and filters are sent. */
export function forecastQueryOptions(query: DashboardQuery) {
  const params = toApiParams(query, { omitRange: true })
  return queryOptions({
    queryKey: ['usage', 'forecast', params.toString()],
    queryFn: ({ signal }) => getForecast(params, signal),
  })
}

export function useForecast(query: DashboardQuery) {
  return useQuery({ ...forecastQueryOptions(query), placeholderData: keepPreviousData })
}
