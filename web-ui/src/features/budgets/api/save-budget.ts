import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiSend } from '@/lib/api-client'
import type { Budget, BudgetRequest, Page } from '@/types/models'

/** Creates a budget (no id) or replaces one's settings (admin). */
export async function saveBudget({ id, body }: { id: string | null; body: BudgetRequest }): Promise<Budget> {
  const saved =
    id === null ? await apiSend<Budget>('POST', '/budgets', body) : await apiSend<Budget>('PUT', `/budgets/${encodeURIComponent(id)}`, body)
  return saved!
}

export async function deleteBudget(id: string): Promise<void> {
  await apiSend<void>('DELETE', `/budgets/${encodeURIComponent(id)}`)
}

export function useSaveBudget() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: saveBudget,
    onSuccess: () => client.invalidateQueries({ queryKey: ['budgets'] }),
  })
}

/** Drops the budget from the list at once and forgets its status and alerts, which would now answer 404. */
export function useDeleteBudget() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: deleteBudget,
    onSuccess: (_, id) => {
      client.setQueryData<Page<Budget>>(['budgets', 'list'], (page) => page && { items: page.items.filter((b) => b.id !== id) })
      client.removeQueries({ queryKey: ['budgets', 'status', id] })
      client.removeQueries({ queryKey: ['alerts', id] })
      return client.invalidateQueries({ queryKey: ['budgets', 'list'] })
    },
  })
}
