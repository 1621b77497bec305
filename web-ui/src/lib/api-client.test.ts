import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiGet, ApiError } from './api-client'
import { getApiKey, signIn } from './auth'

function answer(status: number, body: unknown, contentType = 'application/problem+json') {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })))
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

  it('says so when the service does not answer', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(apiGet('/usage/summary')).rejects.toMatchObject({ status: 0, message: expect.stringMatching(/did not answer/) })
  })
})
