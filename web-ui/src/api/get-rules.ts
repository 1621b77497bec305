import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { Page } from '@/types/models'
import type { AnomalyWatch, Digest, RuleCollection, UsageRule } from '@/types/rules'

interface RuleOf {
  rules: UsageRule
  anomalies: AnomalyWatch
  digests: Digest
}

/** `GET /rules`, `/anomalies` or `/digests`: the tenant's rules of that kind, oldest first. */
export function getRules<C extends RuleCollection>(collection: C, signal?: AbortSignal): Promise<Page<RuleOf[C]>> {
  return apiGet<Page<RuleOf[C]>>(`/${collection}`, undefined, { signal })
}

export function rulesQueryOptions<C extends RuleCollection>(collection: C) {
  return queryOptions({
    queryKey: ['rules', 'list', collection],
    queryFn: ({ signal }) => getRules(collection, signal),
  })
}

/** The Rules page lists them; the Alerts page names the rules its notices come from. */
export function useRules<C extends RuleCollection>(collection: C) {
  return useQuery(rulesQueryOptions(collection))
}
