import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { BudgetStatus } from '@/types/models'

export function getBudgetStatus(id: string, signal?: AbortSignal): Promise<BudgetStatus> {
  return apiGet<BudgetStatus>(`/budgets/${encodeURIComponent(id)}/status`, undefined, { signal })
}

export function budgetStatusQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['budgets', 'status', id],
    queryFn: ({ signal }) => getBudgetStatus(id, signal),
  })
}

/** Where a budget stands in its current period, and where it is heading. */
export function useBudgetStatus(id: string) {
  return useQuery(budgetStatusQueryOptions(id))
}
