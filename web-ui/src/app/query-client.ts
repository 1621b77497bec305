import { QueryClient } from '@tanstack/react-query'
import { ApiError, isRateLimited } from '@/lib/api-client'

/** Attempts after the first one for a 429: the server said when to come back, so keep coming back. */
const RATE_LIMITED_RETRIES = 5
/** Longest pause between attempts, whatever `Retry-After` says. */
const MAX_DELAY_MS = 60_000

/** A 4xx will not change by asking again, except a 429 (slow down); a network error or a 5xx may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isRateLimited(error)) {
    return failureCount < RATE_LIMITED_RETRIES
  }
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    return false
  }
  return failureCount < 2
}

/**
 * The pause before the next attempt: at least what `Retry-After` asks for (plus up to a quarter
 * second of jitter, so the dashboard's panels do not return at the same instant), else exponential
 * backoff from one second; never more than a minute.
 */
export function retryDelay(failureCount: number, error: unknown, random: () => number = Math.random): number {
  const backoff = Math.min(1000 * 2 ** failureCount, 30_000)
  if (isRateLimited(error)) {
    const asked = error.retryAfterMs ?? backoff
    return Math.min(asked + Math.round(random() * 250), MAX_DELAY_MS)
  }
  return backoff
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, retryDelay, refetchOnWindowFocus: false },
    },
  })
}
