import { useMutation } from '@tanstack/react-query'
import { apiSend } from '@/lib/api-client'
import type { TestSend } from '@/types/models'

async function post<T>(path: string, params?: URLSearchParams): Promise<T> {
  return (await apiSend<T>('POST', path, undefined, params))!
}

/**
 * Dry run, evaluate now and send test of the budget or rule at `path` (`/budgets/{id}`,
 * `/{collection}/{id}`), as mutations:
 * - `POST {path}/dry-run` (`D`): what evaluating now would send, each channel's payload exactly;
 *   nothing sent or recorded;
 * - `POST {path}/evaluate` (`E`): evaluates now as the schedule would, raising what is due into the
 *   outbox; `onEvaluated` then refreshes what that may change;
 * - `POST {path}/test?channel=`: a message marked as a test to one channel, at once; answers what
 *   the receiver said.
 */
export function useSourceActions<D, E>(path: string, onEvaluated: (result: E) => unknown) {
  const dryRun = useMutation({ mutationFn: () => post<D>(`${path}/dry-run`) })
  const evaluate = useMutation({ mutationFn: () => post<E>(`${path}/evaluate`), onSuccess: onEvaluated })
  // As params, not in the path: the operator's tenant= is added beside them.
  const test = useMutation({ mutationFn: (channel: string) => post<TestSend>(`${path}/test`, new URLSearchParams({ channel })) })
  return { dryRun, evaluate, test }
}
