import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { Budget, Page } from '@/types/models'

export function getBudgets(signal?: AbortSignal): Promise<Page<Budget>> {
  return apiGet<Page<Budget>>('/budgets', undefined, { signal })
}

export const budgetsQueryOptions = queryOptions({
  queryKey: ['budgets', 'list'],
  queryFn: ({ signal }) => getBudgets(signal),
})

/** The tenant's budgets: the budgets page and the Alerts page's budget filter read them. */
export function useBudgets() {
  return useQuery(budgetsQueryOptions)
}
