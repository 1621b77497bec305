import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { DashboardQuery } from '@/lib/url-state'
import { periodsQueryOptions } from '../first-screen'

/** `GET /usage/periods`: today, this week, this month and all time, in the zone, with the filters. */
export function usePeriods(query: DashboardQuery) {
  return useQuery({ ...periodsQueryOptions(query), placeholderData: keepPreviousData })
}
