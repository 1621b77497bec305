import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/api-client'
import { retryDelay, shouldRetry } from './query-client'

describe('retries', () => {
  it('never retries a 4xx but a 429, and retries other failures twice', () => {
    expect(shouldRetry(0, new ApiError(400, {}))).toBe(false)
    expect(shouldRetry(0, new ApiError(403, {}))).toBe(false)
    expect(shouldRetry(0, new ApiError(503, {}))).toBe(true)
    expect(shouldRetry(1, new ApiError(0, {}))).toBe(true)
    expect(shouldRetry(2, new ApiError(500, {}))).toBe(false)
  })
})

describe('after a 429', () => {
  const slowDown = new ApiError(429, { title: 'Too Many Requests' }, 7000)

  it('retries five times, since the server said when to come back', () => {
    expect(shouldRetry(0, slowDown)).toBe(true)
    expect(shouldRetry(4, slowDown)).toBe(true)
    expect(shouldRetry(5, slowDown)).toBe(false)
  })

  it('waits at least what Retry-After asks, with a little jitter, and never more than a minute', () => {
    expect(retryDelay(1, slowDown, () => 0)).toBe(7000)
    expect(retryDelay(1, slowDown, () => 1)).toBe(7250)
    expect(retryDelay(1, new ApiError(429, {}, 600_000), () => 0)).toBe(60_000)
  })

  it('backs off exponentially when no Retry-After came, as for other failures', () => {
    expect(retryDelay(1, new ApiError(429, {}), () => 0)).toBe(2000)
    expect(retryDelay(2, new ApiError(503, {}))).toBe(4000)
    expect(retryDelay(10, new ApiError(0, {}))).toBe(30_000)
  })
})
