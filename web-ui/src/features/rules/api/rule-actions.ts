import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiSend } from '@/lib/api-client'
import type { TestSend } from '@/types/models'
import type { NoticeDryRun, RuleCollection, RuleEvaluateResult } from '@/types/rules'

interface Target {
  collection: RuleCollection
  id: string
}

const path = ({ collection, id }: Target, verb: string) => `/${collection}/${encodeURIComponent(id)}/${verb}`

/** `POST /{collection}/{id}/dry-run`: the notice evaluating now would raise, each channel's payload exactly; nothing sent or recorded. */
export async function dryRunRule(target: Target): Promise<NoticeDryRun> {
  return (await apiSend<NoticeDryRun>('POST', path(target, 'dry-run')))!
}

/** `POST /{collection}/{id}/evaluate`: evaluates now as the schedule would, raising what is due into the outbox. */
export async function evaluateRule(target: Target): Promise<RuleEvaluateResult> {
  return (await apiSend<RuleEvaluateResult>('POST', path(target, 'evaluate')))!
}

/** `POST /{collection}/{id}/test?channel=`: the notice marked as a test, to one channel at once; answers what the receiver said. */
export async function testRuleChannel({ channel, ...target }: Target & { channel: string }): Promise<TestSend> {
  // As params, not in the path: the operator's tenant= is added beside them.
  return (await apiSend<TestSend>('POST', path(target, 'test'), undefined, new URLSearchParams({ channel })))!
}

export function useDryRunRule() {
  return useMutation({ mutationFn: dryRunRule })
}

/** Evaluating may raise notices: the rule's and the Alerts page's notices are fetched again. */
export function useEvaluateRule() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: evaluateRule,
    onSuccess: () => client.invalidateQueries({ queryKey: ['notices'] }),
  })
}

export function useTestRuleChannel() {
  return useMutation({ mutationFn: testRuleChannel })
}
