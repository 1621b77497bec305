import { QueryClientProvider, useQuery } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiGet } from '@/lib/api-client'
import { signIn } from '@/lib/auth'
import { createQueryClient } from './query-client'
import { RateLimitNotice } from './RateLimitNotice'

afterEach(() => vi.unstubAllGlobals())

function Summary() {
  const summary = useQuery({ queryKey: ['summary'], queryFn: () => apiGet<{ requests: number }>('/usage/summary') })
  return <p>{summary.data ? `${summary.data.requests} requests` : 'loading'}</p>
}

describe('a rate-limited dashboard', () => {
  it('says "slow down, retrying", waits what Retry-After asks, and then shows the data', async () => {
    signIn('viewer-1')
    const calls: number[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        calls.push(Date.now())
        if (calls.length === 1) {
          return new Response(JSON.stringify({ status: 429, title: 'Too Many Requests' }), {
            status: 429,
            headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1', 'RateLimit-Remaining': '0' },
          })
        }
        return new Response(JSON.stringify({ requests: 42 }), { status: 200, headers: { 'Content-Type': 'application/json' } })
      }),
    )

    render(
      <QueryClientProvider client={createQueryClient()}>
        <RateLimitNotice />
        <Summary />
      </QueryClientProvider>,
    )

    expect(await screen.findByTestId('rate-limited')).toHaveTextContent('Slow down: this key sent too many requests. Retrying in 1 s')
    await waitFor(() => expect(screen.getByText('42 requests')).toBeInTheDocument(), { timeout: 3000 })
    expect(screen.queryByTestId('rate-limited')).toBeNull()
    expect(calls).toHaveLength(2)
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(950)
  })
})
