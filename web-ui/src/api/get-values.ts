import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { Dimension, Values } from '@/types/api'

export function getValues(dimension: Dimension, params: URLSearchParams, signal?: AbortSignal): Promise<Values> {
  return apiGet<Values>(`/usage/values/${dimension}`, params, { signal })
}

export function valuesQueryOptions(dimension: Dimension, params: URLSearchParams) {
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
export function useValues(dimension: Dimension, query: DashboardQuery, enabled: boolean) {
  return useQuery({ ...valuesQueryOptions(dimension, toApiParams(query, { omit: dimension })), enabled, placeholderData: keepPreviousData })
}

/** Every value ever seen, unfiltered: the stable list that gives each value its colour. */
export function useAllValues(dimension: Dimension, enabled = true) {
  return useQuery({ ...valuesQueryOptions(dimension, new URLSearchParams({ range: 'all' })), enabled, staleTime: 5 * 60_000 })
}
