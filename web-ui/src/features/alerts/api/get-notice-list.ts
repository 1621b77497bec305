import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { Page } from '@/types/models'
import type { Notice, RuleCollection } from '@/types/rules'

/** The most the page asks for; the API allows up to 500. */
export const NOTICE_PAGE_LIMIT = 200

/** A rule to narrow to, with the collection it lives in. */
export interface NoticeSource {
  collection: RuleCollection
  id: string
}

/**
 * `GET /notices` (every notice of the tenant's usage rules, anomaly watches and digests, newest first,
 * with their deliveries), or `GET /{collection}/{id}/notices` for one rule.
 */
export function getNoticeList(source: NoticeSource | null, signal?: AbortSignal): Promise<Page<Notice>> {
  const params = new URLSearchParams({ limit: String(NOTICE_PAGE_LIMIT) })
  const path = source ? `/${source.collection}/${encodeURIComponent(source.id)}/notices` : '/notices'
  return apiGet<Page<Notice>>(path, params, { signal })
}

export function noticeListQueryOptions(source: NoticeSource | null) {
  return queryOptions({
    queryKey: ['notices', 'list', source?.collection ?? null, source?.id ?? null, NOTICE_PAGE_LIMIT],
    queryFn: ({ signal }) => getNoticeList(source, signal),
  })
}

export function useNoticeList(source: NoticeSource | null, enabled = true) {
  return useQuery({ ...noticeListQueryOptions(source), enabled, placeholderData: keepPreviousData })
}
