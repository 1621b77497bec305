import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiSend } from '@/lib/api-client'
import type { Page } from '@/types/models'
import type { AnyRule, RuleCollection, RuleRequest } from '@/types/rules'

export interface SaveRule {
  collection: RuleCollection
  /** Null creates. */
  id: string | null
  body: RuleRequest
}

/** Creates a rule (no id) or replaces one's settings (admin). */
export async function saveRule({ collection, id, body }: SaveRule): Promise<AnyRule> {
  const saved =
    id === null
      ? await apiSend<AnyRule>('POST', `/${collection}`, body)
      : await apiSend<AnyRule>('PUT', `/${collection}/${encodeURIComponent(id)}`, body)
  return saved!
}

export async function deleteRule({ collection, id }: { collection: RuleCollection; id: string }): Promise<void> {
  await apiSend<void>('DELETE', `/${collection}/${encodeURIComponent(id)}`)
}

export function useSaveRule() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: saveRule,
    onSuccess: (_, { collection }) => client.invalidateQueries({ queryKey: ['rules', 'list', collection] }),
  })
}

/** Drops the rule from its list at once and forgets its notices, which would now answer 404. */
export function useDeleteRule() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: deleteRule,
    onSuccess: (_, { collection, id }) => {
      client.setQueryData<Page<AnyRule>>(['rules', 'list', collection], (page) => page && { items: page.items.filter((r) => r.id !== id) })
      client.removeQueries({ queryKey: ['notices', 'rule', collection, id] })
      return client.invalidateQueries({ queryKey: ['rules', 'list', collection] })
    },
  })
}
