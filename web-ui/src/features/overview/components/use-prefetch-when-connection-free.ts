import { notifyManager, useQueryClient, type FetchQueryOptions, type QueryKey } from '@tanstack/react-query'
import { useEffect } from 'react'
import { pendingChartCode } from '@/components/chart/Chart'

/** Chromium (as every current browser) sends at most six HTTP/1.1 requests at a time to one host. */
export const CONNECTIONS_PER_HOST = 6

/**
 * Prefetches a below-the-fold panel's query (the same key its `useQuery` uses) as soon as a
 * connection to the host is free for it: once fewer than six of the page's requests are in flight
 * (every fetching query but this one, and the chart code while it loads), every request still out
 * is already on the wire, so this one takes the free connection without queueing ahead of any
 * first-screen request, yet leaves while the first screen's last answers are still coming instead of
 * after them. Checked again on every change of the query cache (and when the chart code arrives), so
 * a range or filter change prefetches the new key in the same way; a fresh answer is not asked for
 * again. Needs at least one other usage query on the page (the first screen's), so it never runs
 * alone. `skip` once the panel asks for its data itself.
 */
export function usePrefetchWhenConnectionFree<T, K extends QueryKey>(
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
    let done = false
    const check = () => {
      if (done) {
        return
      }
      const others = cache.findAll({ queryKey: ['usage'], type: 'active' }).filter((q) => q.queryHash !== queryHash)
      const fetching = cache.findAll({ fetchStatus: 'fetching' }).filter((q) => q.queryHash !== queryHash).length
      const chartCode = pendingChartCode()
      if (others.length > 0 && fetching + (chartCode ? 1 : 0) < CONNECTIONS_PER_HOST) {
        void client.prefetchQuery(options)
      } else if (chartCode) {
        void chartCode.then(check)
      }
    }
    // Not at once: the other panels' effects of this same commit (which start their requests for a
    // new range) may not have run yet. Cache events also come while components render: look after
    // the render, not during it.
    notifyManager.schedule(check)
    const unsubscribe = cache.subscribe(notifyManager.batchCalls(check))
    return () => {
      done = true
      unsubscribe()
    }
    // The options follow the key (queryHash); a new object with the same key changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, queryHash, skip])
}
