import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiSend } from '@/lib/api-client'
import type { DryRun, EvaluateResult, TestSend } from '@/types/models'

const path = (id: string, verb: string) => `/budgets/${encodeURIComponent(id)}/${verb}`

/** `POST /budgets/{id}/dry-run`: what evaluating now would send, each channel's payload exactly; nothing sent or recorded. */
export async function dryRunBudget(id: string): Promise<DryRun> {
  return (await apiSend<DryRun>('POST', path(id, 'dry-run')))!
}

/** `POST /budgets/{id}/evaluate`: evaluates now as the schedule would, raising what is due into the outbox. */
export async function evaluateBudget(id: string): Promise<EvaluateResult> {
  return (await apiSend<EvaluateResult>('POST', path(id, 'evaluate')))!
}

/** `POST /budgets/{id}/test?channel=`: a message marked as a test to one channel, at once; answers what the receiver said. */
export async function testBudgetChannel({ id, channel }: { id: string; channel: string }): Promise<TestSend> {
  // As params, not in the path: the operator's tenant= is added beside them.
  return (await apiSend<TestSend>('POST', path(id, 'test'), undefined, new URLSearchParams({ channel })))!
}

export function useDryRun() {
  return useMutation({ mutationFn: dryRunBudget })
}

/** Evaluating may raise alerts and change the standing: both are fetched again. */
export function useEvaluateBudget() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: evaluateBudget,
    onSuccess: (result, id) => {
      client.setQueryData(['budgets', 'status', id], result.status)
      return client.invalidateQueries({ queryKey: ['alerts'] })
    },
  })
}

export function useTestChannel() {
  return useMutation({ mutationFn: testBudgetChannel })
}
