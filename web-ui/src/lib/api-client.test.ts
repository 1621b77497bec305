import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiGet, ApiError, apiSend, fieldError, isRateLimited, parseRetryAfter } from './api-client'
import { getApiKey, signIn } from './auth'

function answer(status: number, body: unknown, contentType = 'application/problem+json') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })),
  )
}

afterEach(() => vi.unstubAllGlobals())

describe('API client', () => {
  it('sends the signed-in key and the parameters', async () => {
    signIn('secret-1')
    answer(200, { ok: true }, 'application/json')
    await apiGet('/usage/summary', new URLSearchParams('range=7d&model=a&model=b'))
    const [url, init] = vi.mocked(fetch).mock.calls[0]!
    expect(url).toBe('/api/v1/usage/summary?range=7d&model=a&model=b')
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer secret-1')
  })

  it('reports a 400 with the parameter it names', async () => {
    signIn('secret-1')
    answer(400, { title: 'Bad Request', detail: 'is not a parameter of this endpoint', parameter: 'limitt' })
    const error = await apiGet('/usage/summary').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe('limitt: is not a parameter of this endpoint')
    expect(getApiKey()).toBe('secret-1')
  })

  it('signs out when the key is no longer accepted', async () => {
    signIn('revoked')
    answer(401, { title: 'Unauthorized', detail: 'Unknown key' })
    await expect(apiGet('/usage/summary')).rejects.toMatchObject({ status: 401 })
    expect(getApiKey()).toBeNull()
  })

  it('reads a 429 as "slow down" with the wait Retry-After asks for, and keeps the key', async () => {
    signIn('secret-1')
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ status: 429, detail: 'This key has used its rate limit' }), {
            status: 429,
            headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '3' },
          }),
      ),
    )
    const error = (await apiGet('/usage/summary').catch((e: unknown) => e)) as ApiError
    expect(isRateLimited(error)).toBe(true)
    expect(error.retryAfterMs).toBe(3000)
    expect(error.message).toBe('Too many requests for this key: slow down and try again in 3 s.')
    expect(getApiKey()).toBe('secret-1')
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-06T01:00:00Z')
    expect(parseRetryAfter('5', now)).toBe(5000)
    expect(parseRetryAfter('Sun, 06 Dec 2026 01:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Sun, 06 Dec 2026 00:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(null, now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
  })

  it('says so when the service does not answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    await expect(apiGet('/usage/summary')).rejects.toMatchObject({ status: 0, message: expect.stringMatching(/did not answer/) })
  })
})

describe('API client writes', () => {
  it('sends a JSON body with the method and answers the reply', async () => {
    signIn('admin-1')
    answer(201, { id: 'b_1' }, 'application/json')
    const created = await apiSend<{ id: string }>('POST', '/budgets', { name: 'Team' })
    const [url, init] = vi.mocked(fetch).mock.calls[0]!
    expect(url).toBe('/api/v1/budgets')
    expect(init!.method).toBe('POST')
    expect(init!.body).toBe('{"name":"Team"}')
    expect((init!.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect(created).toEqual({ id: 'b_1' })
  })

  it('answers null for 204 and reports the field a 400 names', async () => {
    signIn('admin-1')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    )
    expect(await apiSend('DELETE', '/budgets/b_1')).toBeNull()
    answer(400, { title: 'Bad parameter', detail: 'limitUsd: must be more than 0', parameter: 'limitUsd' })
    const error = (await apiSend('POST', '/budgets', {}).catch((e: unknown) => e)) as ApiError
    expect(fieldError(error)).toEqual({ field: 'limitUsd', message: 'must be more than 0' })
    expect(fieldError(new Error('x'))).toBeNull()
  })
})
