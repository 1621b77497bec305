import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { TagKeys } from '@/types/models'

export function getTagKeys(params: URLSearchParams, signal?: AbortSignal): Promise<TagKeys> {
  return apiGet<TagKeys>('/usage/tag-keys', params, { signal })
}

export function tagKeysQueryOptions(params: URLSearchParams) {
  return queryOptions({
    queryKey: ['usage', 'tag-keys', params.toString()],
    queryFn: ({ signal }) => getTagKeys(params, signal),
    staleTime: 60_000,
  })
}

/** The tag keys seen in the range under the filters: the tag breakdown's and the tag filter's key picker. */
export function useTagKeys(query: DashboardQuery, enabled = true) {
  return useQuery({ ...tagKeysQueryOptions(toApiParams(query)), enabled, placeholderData: keepPreviousData })
}
