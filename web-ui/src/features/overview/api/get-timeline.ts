import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import { bucketFor, toApiParams, type DashboardQuery } from '@/lib/url-state'
import type { BucketUnit, Dimension, Timeline } from '@/types/models'

export interface TimelineOptions {
  bucket?: BucketUnit
  /** Adds one series per top key plus "other". */
  groupBy?: Dimension
  top?: number
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
  return queryOptions({
    queryKey: ['usage', 'timeline', params.toString()],
    queryFn: ({ signal }) => getTimeline(params, signal),
  })
}

export function useTimeline(query: DashboardQuery, options: TimelineOptions = {}, enabled = true) {
  return useQuery({ ...timelineQueryOptions(query, options), enabled, placeholderData: keepPreviousData })
}

/** The same timeline for the period of equal length just before `range` (instants from the current answer). */
export function usePreviousTimeline(
  query: DashboardQuery,
  range: { from: string; to: string } | undefined,
  bucket: BucketUnit | undefined,
) {
  const params = toApiParams(query, { omitRange: true })
  if (range && bucket) {
    params.set('from', range.from)
    params.set('to', range.to)
    params.set('bucket', bucket)
  }
  return useQuery({
    queryKey: ['usage', 'timeline', params.toString()],
    queryFn: ({ signal }) => getTimeline(params, signal),
    enabled: range !== undefined && bucket !== undefined,
    placeholderData: keepPreviousData,
  })
}
