import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { BudgetAlert, Page } from '@/types/models'

/** The most the page asks for; the API allows up to 1000. */
export const ALERT_PAGE_LIMIT = 200

export interface AlertFilter {
  budget: string | null
  channel: string | null
}

export function alertListParams(filter: AlertFilter): URLSearchParams {
  const params = new URLSearchParams()
  if (filter.budget) params.set('budget', filter.budget)
  if (filter.channel) params.set('channel', filter.channel)
  params.set('limit', String(ALERT_PAGE_LIMIT))
  return params
}

/** `GET /alerts`: every alert of the tenant, newest first, with its deliveries; narrowed to one budget and/or channel. */
export function getAlertList(filter: AlertFilter, signal?: AbortSignal): Promise<Page<BudgetAlert>> {
  return apiGet<Page<BudgetAlert>>('/alerts', alertListParams(filter), { signal })
}

export function alertListQueryOptions(filter: AlertFilter) {
  return queryOptions({
    queryKey: ['alerts', 'list', filter.budget, filter.channel, ALERT_PAGE_LIMIT],
    queryFn: ({ signal }) => getAlertList(filter, signal),
  })
}

export function useAlertList(filter: AlertFilter) {
  return useQuery({ ...alertListQueryOptions(filter), placeholderData: keepPreviousData })
}
