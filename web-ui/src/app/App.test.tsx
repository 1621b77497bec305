import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { formatCompact, formatUsd } from '@/lib/format'
import { demoEvents } from '@/test/demo-events'
import { FakeApi } from '@/test/fake-api'
import { renderApp, useFakeFetch } from '@/test/render'
import type { Summary } from '@/types/models'

const NOW = Date.parse('2026-03-10T15:00:00Z')
let api: FakeApi

beforeEach(() => {
  api = new FakeApi(
    {
      'viewer-key': { events: demoEvents({ now: NOW, days: 20, perDay: 60 }) },
      'empty-key': { events: [] },
      'ingest-key': { events: [], role: 'ingest' },
    },
    () => NOW,
  )
  useFakeFetch(api)
})

function requestsTo(path: string): URLSearchParams[] {
  return api.requests.filter((u) => u.pathname === `/api/v1${path}`).map((u) => u.searchParams)
}

function apiSummary(search: string): Summary {
  return JSON.parse(api.handle(new URL(`http://x/api/v1/usage/summary?${search}`), 'Bearer viewer-key').body) as Summary
}

describe('signing in', () => {
  it('refuses an unknown key and an ingest key, then signs in with a viewer key', async () => {
    const user = userEvent.setup()
    renderApp('/')
    const field = screen.getByLabelText('API key')
    await user.type(field, 'nope')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('not valid')

    await user.clear(field)
    await user.type(field, 'ingest-key')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('ingest keys only publish'))

    await user.clear(field)
    await user.type(field, 'viewer-key')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByTestId('overview')).toBeInTheDocument()
    expect(window.sessionStorage.getItem('tokenmeter.apiKey')).toBe('viewer-key')

    await user.click(screen.getByRole('button', { name: 'Sign out' }))
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument()
    expect(window.sessionStorage.getItem('tokenmeter.apiKey')).toBeNull()
  })

  it('goes back to sign-in when the server stops accepting the key', async () => {
    renderApp('/', 'revoked-key')
    expect(await screen.findByText(/no longer accepts this key/)).toBeInTheDocument()
  })
})

describe('overview', () => {
  it('shows the summary numbers the API answers, and sends only contract parameters', async () => {
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const cards = await screen.findByTestId('cards')
    const expected = apiSummary('range=30d&tz=UTC')
    await waitFor(() => expect(within(cards).getByTestId('card-requests')).toHaveTextContent(formatCompact(expected.requests)))
    expect(within(cards).getByTestId('card-cost')).toHaveTextContent(formatUsd(expected.costUsd))
    await screen.findByText('support-bot-web')
    expect(api.statuses.every((s) => s === 200)).toBe(true)
    for (const path of ['/usage/summary', '/usage/timeline', '/usage/breakdown', '/usage/periods', '/usage/forecast', '/usage/errors']) {
      expect(requestsTo(path).length).toBeGreaterThan(0)
    }
    expect(requestsTo('/usage/timeline')[0]!.get('bucket')).toBe('day')
  })

  it('filters every panel by a clicked API key (drill-down), and back undoes it', async () => {
    const user = userEvent.setup()
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const keys = await screen.findByTestId('table-keys')
    await user.click(await within(keys).findByRole('button', { name: 'copilot-ide' }))
    expect(new URLSearchParams(window.location.search).getAll('apiKey')).toEqual(['copilot-ide'])
    expect(await screen.findByRole('button', { name: 'Remove filter API key copilot-ide' })).toBeInTheDocument()
    await waitFor(() => {
      for (const path of ['/usage/summary', '/usage/timeline', '/usage/periods', '/usage/forecast', '/usage/errors']) {
        expect(requestsTo(path).some((p) => p.get('apiKey') === 'copilot-ide')).toBe(true)
      }
    })
    const filtered = apiSummary('range=30d&tz=UTC&apiKey=copilot-ide')
    await waitFor(() => expect(screen.getByTestId('card-requests')).toHaveTextContent(formatCompact(filtered.requests)))

    window.history.back()
    await waitFor(() => expect(window.location.search).toBe('?range=30d&tz=UTC'))
    await waitFor(() => expect(screen.queryByRole('button', { name: /Remove filter/ })).toBeNull())
  })

  it('reloads every panel for a new range', async () => {
    const user = userEvent.setup()
    renderApp('/?tz=UTC', 'viewer-key')
    await screen.findByTestId('card-requests')
    await user.selectOptions(screen.getByTestId('range-select'), 'today')
    expect(new URLSearchParams(window.location.search).get('range')).toBe('today')
    await waitFor(() => {
      for (const path of ['/usage/summary', '/usage/timeline', '/usage/breakdown', '/usage/errors']) {
        expect(requestsTo(path).some((p) => p.get('range') === 'today')).toBe(true)
      }
    })
    expect(requestsTo('/usage/timeline').at(-1)!.get('bucket')).toBe('hour')
  })

  it('tells a tenant without events how to send the first one', async () => {
    renderApp('/', 'empty-key')
    expect(await screen.findByTestId('welcome')).toHaveTextContent('No usage yet')
    expect(screen.getByText(/api\/v1\/events/)).toBeInTheDocument()
  })

  it('shows what went wrong and retries on request', async () => {
    const user = userEvent.setup()
    api.failures.set('/usage/errors', 1)
    renderApp('/?tz=UTC', 'viewer-key')
    const panel = await screen.findByTestId('table-errors')
    expect(await within(panel).findByText(/database did not answer/)).toBeInTheDocument()
    await user.click(within(panel).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'ready'))
  })
})

describe('theme and refresh', () => {
  it('switches to dark and back, and remembers auto-refresh', async () => {
    const user = userEvent.setup()
    renderApp('/', 'viewer-key')
    await user.click(screen.getByTestId('theme-toggle'))
    expect(document.documentElement.dataset.theme).toBe('dark')
    await user.click(screen.getByTestId('theme-toggle'))
    expect(document.documentElement.dataset.theme).toBe('light')
    await user.click(screen.getByTestId('auto-refresh'))
    expect(screen.getByTestId('auto-refresh')).toHaveAttribute('aria-pressed', 'true')
    expect(window.localStorage.getItem('tokenmeter.autoRefresh')).toBe('1')
  })
})
