import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Periods } from '@/types/models'
import { usageQueryOptions } from './usage-query'

/** `GET /usage/periods`: today, this week, this month and all time, fixed periods, so only the zone and filters are sent. */
export function usePeriods(query: DashboardQuery) {
  return useQuery({ ...usageQueryOptions<Periods>('periods', toApiParams(query, { omitRange: true })), placeholderData: keepPreviousData })
}
