import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { bucketFor, toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { BucketUnit, Dimension, Timeline } from '@/types/models'

export interface TimelineOptions {
  bucket?: BucketUnit
  /** Adds one series per top key plus "other". */
  groupBy?: Dimension
  top?: number
  /** Adds `previous`: the same buckets for the period of equal length just before, in the same answer. */
  compare?: boolean
}

export function getTimeline(params: URLSearchParams, signal?: AbortSignal): Promise<Timeline> {
  return apiGet<Timeline>('/usage/timeline', params, { signal })
}

export function timelineQueryOptions(query: DashboardQuery, options: TimelineOptions = {}) {
  const params = toApiParams(query)
  params.set('bucket', options.bucket ?? bucketFor(query))
  if (options.groupBy) {
    params.set('groupBy', options.groupBy)
    params.set('top', String(options.top ?? 5))
  }
  if (options.compare) {
    params.set('compare', 'previous')
  }
  return queryOptions({
    queryKey: ['usage', 'timeline', params.toString()],
    queryFn: ({ signal }) => getTimeline(params, signal),
  })
}

export function useTimeline(query: DashboardQuery, options: TimelineOptions = {}, enabled = true) {
  return useQuery({ ...timelineQueryOptions(query, options), enabled, placeholderData: keepPreviousData })
}
