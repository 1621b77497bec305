import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiSend } from '@/lib/api-client'
import type { Budget, BudgetRequest } from '@/types/api'

/** Creates a budget (no id) or replaces one's settings (admin). */
export async function saveBudget({ id, body }: { id: string | null; body: BudgetRequest }): Promise<Budget> {
  const saved = id === null ? await apiSend<Budget>('POST', '/budgets', body) : await apiSend<Budget>('PUT', `/budgets/${encodeURIComponent(id)}`, body)
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

export function useDeleteBudget() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: deleteBudget,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['budgets'] }), client.invalidateQueries({ queryKey: ['alerts'] })]),
  })
}
