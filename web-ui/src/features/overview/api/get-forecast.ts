import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Forecast } from '@/types/models'
import { usageQueryOptions } from './usage-query'

/** `GET /usage/forecast`: this month in the zone, whatever the range: only the zone and filters are sent. */
export function useForecast(query: DashboardQuery) {
  return useQuery({
    ...usageQueryOptions<Forecast>('forecast', toApiParams(query, { omitRange: true })),
    placeholderData: keepPreviousData,
  })
}
