import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery, type FilterKey } from '@/lib/url-state'
import type { Grouping, Values } from '@/types/models'

export function getValues(dimension: Grouping, params: URLSearchParams, signal?: AbortSignal): Promise<Values> {
  return apiGet<Values>(`/usage/values/${encodeURIComponent(dimension)}`, params, { signal })
}

export function valuesQueryOptions(dimension: Grouping, params: URLSearchParams) {
  return queryOptions({
    queryKey: ['usage', 'values', dimension, params.toString()],
    queryFn: ({ signal }) => getValues(dimension, params, signal),
    staleTime: 60_000,
  })
}

/**
 * The values seen in the range under the other filters, for a filter picker: a picker never
 * narrows itself, so its own selected values do not hide the rest.
 */
export function useValues(dimension: Grouping, query: DashboardQuery, enabled: boolean) {
  const filter: FilterKey = dimension.startsWith('tag:') ? `tag.${dimension.slice(4)}` : (dimension as FilterKey)
  return useQuery({ ...valuesQueryOptions(dimension, toApiParams(query, { omit: filter })), enabled, placeholderData: keepPreviousData })
}

/** Every value ever seen, unfiltered: the stable list that gives each value its colour. */
export function useAllValues(dimension: Grouping, enabled = true) {
  return useQuery({ ...valuesQueryOptions(dimension, new URLSearchParams({ range: 'all' })), enabled, staleTime: 5 * 60_000 })
}
