import { useQueryClient } from '@tanstack/react-query'
import { useSourceActions } from '@/api/source-actions'
import type { DryRun, EvaluateResult } from '@/types/models'

/** Dry run, evaluate now and send test of a budget; evaluating may raise alerts and change the standing: both are fetched again. */
export function useBudgetActions(id: string) {
  const client = useQueryClient()
  return useSourceActions<DryRun, EvaluateResult>(`/budgets/${encodeURIComponent(id)}`, (result) => {
    client.setQueryData(['budgets', 'status', id], result.status)
    return client.invalidateQueries({ queryKey: ['alerts'] })
  })
}
