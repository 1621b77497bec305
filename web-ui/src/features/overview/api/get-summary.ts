import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { DashboardQuery } from '@/lib/url-state'
import { summaryQueryOptions } from '../first-screen'

/** `GET /usage/summary` of the range and filters. */
export function useSummary(query: DashboardQuery, enabled = true) {
  return useQuery({ ...summaryQueryOptions(query), enabled, placeholderData: keepPreviousData })
}
