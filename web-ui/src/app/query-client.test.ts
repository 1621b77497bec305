import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/api-client'
import { shouldRetry } from './query-client'

describe('retries', () => {
  it('never retries a 4xx, and retries other failures twice', () => {
    expect(shouldRetry(0, new ApiError(400, {}))).toBe(false)
    expect(shouldRetry(0, new ApiError(503, {}))).toBe(true)
    expect(shouldRetry(1, new ApiError(0, {}))).toBe(true)
    expect(shouldRetry(2, new ApiError(500, {}))).toBe(false)
  })
})
