import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { EventPage, LogSort, SortOrder } from '@/types/models'

export interface PageRequest {
  sort: LogSort
  order: SortOrder
  limit: number
  /** The previous page's `nextCursor`; absent for the first page. */
  cursor?: string
}

export function getEvents(params: URLSearchParams, signal?: AbortSignal): Promise<EventPage> {
  return apiGet<EventPage>('/usage/events', params, { signal })
}

export function eventsQueryOptions(query: DashboardQuery, page: PageRequest) {
  const params = toApiParams(query)
  params.set('sort', page.sort)
  params.set('order', page.order)
  params.set('limit', String(page.limit))
  if (page.cursor) {
    params.set('cursor', page.cursor)
  }
  return queryOptions({
    queryKey: ['usage', 'events', params.toString()],
    queryFn: ({ signal }) => getEvents(params, signal),
  })
}

export function useEvents(query: DashboardQuery, page: PageRequest) {
  return useQuery({ ...eventsQueryOptions(query, page), placeholderData: keepPreviousData })
}
