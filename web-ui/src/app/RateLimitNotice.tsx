import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useSyncExternalStore } from 'react'
import { isRateLimited } from '@/lib/api-client'
import './shell.css'

/**
 * Seconds the server asked to wait, for the query being retried after a 429 that asked the longest;
 * null when no query is waiting on a rate limit.
 */
export function rateLimitedWait(client: QueryClient): number | null {
  let seconds: number | null = null
  for (const query of client.getQueryCache().getAll()) {
    const reason = query.state.fetchFailureReason
    if (query.state.fetchStatus !== 'idle' && isRateLimited(reason)) {
      const wait = Math.max(1, Math.ceil((reason.retryAfterMs ?? 1000) / 1000))
      seconds = Math.max(seconds ?? 0, wait)
    }
  }
  return seconds
}

/** "Slow down, retrying": shown while any request waits out a 429 before its automatic retry. */
export function RateLimitNotice() {
  const client = useQueryClient()
  const subscribe = useCallback((listener: () => void) => client.getQueryCache().subscribe(listener), [client])
  const wait = useSyncExternalStore(
    subscribe,
    () => rateLimitedWait(client),
    () => null,
  )
  if (wait === null) {
    return null
  }
  return (
    <p className="notice rate-limit-notice" role="status" data-testid="rate-limited">
      Slow down: this key sent too many requests. Retrying in {wait} s…
    </p>
  )
}
