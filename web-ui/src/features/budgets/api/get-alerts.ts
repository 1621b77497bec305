import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { BudgetAlert, Page } from '@/types/models'

export const ALERT_LIMIT = 50

/** The alerts one budget raised, newest first (the API filters by `budget`). */
export function getAlerts(budgetId: string, signal?: AbortSignal): Promise<Page<BudgetAlert>> {
  return apiGet<Page<BudgetAlert>>('/alerts', new URLSearchParams({ budget: budgetId, limit: String(ALERT_LIMIT) }), { signal })
}

export function alertsQueryOptions(budgetId: string) {
  return queryOptions({
    queryKey: ['alerts', budgetId, ALERT_LIMIT],
    queryFn: ({ signal }) => getAlerts(budgetId, signal),
  })
}

export function useAlerts(budgetId: string) {
  return useQuery(alertsQueryOptions(budgetId))
}
