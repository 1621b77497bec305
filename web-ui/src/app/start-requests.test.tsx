import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { keys } from '@/test/api'
import { row } from '@/test/fixtures'
import { overviewAnswers } from '@/test/overview-answers'
import { startApp } from '@/test/render'
import { sent, server, type Sent } from '@/test/server'
import { App } from './App'

/** A usage request by its endpoint, and a breakdown by its `by`. */
const name = (s: Sent) => (s.path === '/usage/breakdown' ? `breakdown ${s.params.get('by')}` : s.path)
const usage = () => sent.filter((s) => s.path.startsWith('/usage/'))

const FIRST_SCREEN = [
  '/usage/summary',
  '/usage/timeline',
  '/usage/periods',
  '/usage/forecast',
  'breakdown provider',
  'breakdown project',
  'breakdown model',
  'breakdown endpoint',
  'breakdown serviceTier',
  'breakdown apiKey',
  '/usage/errors',
]

beforeEach(() => {
  server.use(keys({ 'viewer-key': 'viewer' }), ...overviewAnswers({ breakdowns: { user: [row('u_1', { costUsd: 3 })] } }))
})

describe('the first requests of a page, before it renders', () => {
  it('sends every first-screen request of the overview, in the order the browser should send them, before anything renders', async () => {
    startApp('/?range=30d&tz=UTC', 'viewer-key')
    await waitFor(() => expect(usage()).toHaveLength(FIRST_SCREEN.length))
    expect(usage().map(name)).toEqual(FIRST_SCREEN)
    expect(usage().every((s) => s.params.get('tz') === 'UTC')).toBe(true)
    expect(document.body).toBeEmptyDOMElement()
  })

  it('leaves the rendered overview nothing of its first screen to ask again: only the breakdown below the fold follows', async () => {
    const client = startApp('/?range=30d&tz=UTC', 'viewer-key')
    render(
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>,
    )
    await screen.findByTestId('overview')
    // No IntersectionObserver in jsdom: the breakdown by user counts as in view at once.
    await waitFor(() => expect(document.querySelectorAll('[data-state=loading]')).toHaveLength(0))
    await waitFor(() => expect(screen.getByTestId('breakdown-group')).toHaveAttribute('data-state', 'ready'))
    expect([...usage().map(name)].sort()).toEqual([...FIRST_SCREEN, 'breakdown user'].sort())
  })

  it('sends nothing signed out, nor for a page other than the overview', async () => {
    startApp('/?range=30d&tz=UTC')
    startApp('/log?range=30d&tz=UTC', 'viewer-key')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sent).toHaveLength(0)
  })
})
