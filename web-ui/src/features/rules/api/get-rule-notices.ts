import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { Page } from '@/types/models'
import type { Notice, RuleCollection } from '@/types/rules'

/** Enough for a rule's state and its recent history; the Alerts page lists more. */
export const RULE_NOTICE_LIMIT = 20

/** `GET /{collection}/{id}/notices`: what one rule raised, newest first, with each channel's delivery. */
export function getRuleNotices(collection: RuleCollection, id: string, signal?: AbortSignal): Promise<Page<Notice>> {
  return apiGet<Page<Notice>>(
    `/${collection}/${encodeURIComponent(id)}/notices`,
    new URLSearchParams({ limit: String(RULE_NOTICE_LIMIT) }),
    {
      signal,
    },
  )
}

export function ruleNoticesQueryOptions(collection: RuleCollection, id: string) {
  return queryOptions({
    queryKey: ['notices', 'rule', collection, id, RULE_NOTICE_LIMIT],
    queryFn: ({ signal }) => getRuleNotices(collection, id, signal),
  })
}

export function useRuleNotices(collection: RuleCollection, id: string) {
  return useQuery(ruleNoticesQueryOptions(collection, id))
}
