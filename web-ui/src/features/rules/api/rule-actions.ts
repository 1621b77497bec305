import { useQueryClient } from '@tanstack/react-query'
import { useSourceActions } from '@/api/source-actions'
import type { NoticeDryRun, RuleCollection, RuleEvaluateResult } from '@/types/rules'

/**
 * Dry run, evaluate now and send test of a usage rule, anomaly watch or digest; evaluating may raise
 * notices: the rule's and the Alerts page's notices are fetched again.
 */
export function useRuleActions(collection: RuleCollection, id: string) {
  const client = useQueryClient()
  return useSourceActions<NoticeDryRun, RuleEvaluateResult>(`/${collection}/${encodeURIComponent(id)}`, () =>
    client.invalidateQueries({ queryKey: ['notices'] }),
  )
}
