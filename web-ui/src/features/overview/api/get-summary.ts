import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Summary } from '@/types/models'
import { usageQueryOptions } from './usage-query'

/** `GET /usage/summary` of the range and filters. */
export function useSummary(query: DashboardQuery, enabled = true) {
  return useQuery({ ...usageQueryOptions<Summary>('summary', toApiParams(query)), enabled, placeholderData: keepPreviousData })
}
