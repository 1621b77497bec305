import { notifyManager, useQueryClient, type FetchQueryOptions, type QueryKey } from '@tanstack/react-query'
import { useEffect } from 'react'

/**
 * Prefetches a below-the-fold panel's query (the same key its `useQuery` uses) once every usage
 * request the page is waiting for has answered or failed: every active `['usage', …]` query but
 * this one has a result. So its request never waits for one of the browser's six connections to
 * the host ahead of the first screen's requests, yet is out before the user scrolls to the panel.
 * Checked again on every change of the query cache, so a range or filter change prefetches the new
 * key once the first screen's new requests have answered (a fresh answer is not asked for again).
 * `skip` once the panel asks for its data itself.
 */
export function usePrefetchAfterOthers<T, K extends QueryKey>(
  options: FetchQueryOptions<T, Error, T, K>,
  queryHash: string,
  skip: boolean,
): void {
  const client = useQueryClient()
  useEffect(() => {
    if (skip) {
      return undefined
    }
    const cache = client.getQueryCache()
    const check = () => {
      const others = cache.findAll({ queryKey: ['usage'], type: 'active' }).filter((q) => q.queryHash !== queryHash)
      if (others.length > 0 && others.every((q) => q.state.status !== 'pending')) {
        void client.prefetchQuery(options)
      }
    }
    check()
    // Cache events also come while components render: look after the render, not during it.
    return cache.subscribe(notifyManager.batchCalls(check))
    // The options follow the key (queryHash); a new object with the same key changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, queryHash, skip])
}
