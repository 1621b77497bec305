import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { formatCompact, formatUsd } from '@/lib/format'
import { answer, keys, problem } from '@/test/api'
import { periods, row, summary, usageEvent } from '@/test/fixtures'
import { overviewAnswers } from '@/test/overview-answers'
import { renderApp } from '@/test/render'
import { paramsSentTo, sent, server } from '@/test/server'

const WHOLE = summary({ requests: 1234, costUsd: 56.78 })
const ONE_KEY = summary({ requests: 321, costUsd: 4.5 })
const BY_KEY = [row('support-bot-web', { costUsd: 40 }), row('copilot-ide', { costUsd: 16.78 })]

/** The query parameters of API.md §3: the filters every usage endpoint takes, and each endpoint's own. */
const FILTERS = ['tz', 'tenant', 'provider', 'model', 'project', 'apiKey', 'endpoint', 'status', 'user', 'serviceTier']
const RANGE = ['range', 'from', 'to']
const OWN: Record<string, string[]> = {
  '/usage/summary': RANGE,
  '/usage/timeline': [...RANGE, 'bucket', 'groupBy', 'top', 'compare'],
  '/usage/breakdown': [...RANGE, 'by', 'sort', 'limit', 'percentiles'],
  // The periods and the forecast are fixed (today, this week, this month; the current month): no range.
  '/usage/periods': [],
  '/usage/forecast': [],
  '/usage/errors': [...RANGE, 'limit'],
  '/usage/tag-keys': [...RANGE, 'limit'],
  '/usage/values': [...RANGE, 'limit'],
}

/** The parameters a request sent that its endpoint does not take. */
function unknownParameters(path: string, params: URLSearchParams): string[] {
  const own = OWN[path.startsWith('/usage/values/') ? '/usage/values' : path]
  if (!own) return [`(no list for ${path})`]
  return [...params.keys()].filter((name) => !FILTERS.includes(name) && !own.includes(name) && !name.startsWith('tag.'))
}

beforeEach(() => {
  server.use(
    keys({ 'viewer-key': 'viewer', 'ingest-key': 'ingest' }),
    ...overviewAnswers({ summary: WHOLE, breakdowns: { apiKey: BY_KEY }, values: { provider: ['openai'] } }),
  )
})

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
    await waitFor(() => expect(within(cards).getByTestId('card-requests')).toHaveTextContent(formatCompact(WHOLE.requests)))
    expect(within(cards).getByTestId('card-cost')).toHaveTextContent(formatUsd(WHOLE.costUsd))
    await screen.findByText('support-bot-web')
    expect(sent.every((s) => s.status === 200)).toBe(true)
    expect(sent.flatMap((s) => unknownParameters(s.path, s.params).map((name) => `${s.path}?${name}`))).toEqual([])
    for (const path of ['/usage/summary', '/usage/timeline', '/usage/breakdown', '/usage/periods', '/usage/forecast', '/usage/errors']) {
      expect(paramsSentTo(path).length).toBeGreaterThan(0)
      expect(paramsSentTo(path).every((p) => p.get('range') === null || p.get('range') === '30d')).toBe(true)
    }
    expect(paramsSentTo('/usage/timeline')[0]!.get('bucket')).toBe('day')
  })

  it('filters every panel by a clicked API key (drill-down), and back undoes it', async () => {
    const user = userEvent.setup()
    server.use(answer.get('/api/v1/usage/summary', ({ params }) => (params.getAll('apiKey').includes('copilot-ide') ? ONE_KEY : WHOLE)))
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const table = await screen.findByTestId('table-keys')
    await user.click(await within(table).findByRole('button', { name: 'copilot-ide' }))
    expect(new URLSearchParams(window.location.search).getAll('apiKey')).toEqual(['copilot-ide'])
    expect(await screen.findByRole('button', { name: 'Remove filter API key copilot-ide' })).toBeInTheDocument()
    await waitFor(() => {
      for (const path of ['/usage/summary', '/usage/timeline', '/usage/periods', '/usage/forecast', '/usage/errors']) {
        expect(paramsSentTo(path).some((p) => p.get('apiKey') === 'copilot-ide')).toBe(true)
      }
    })
    await waitFor(() => expect(screen.getByTestId('card-requests')).toHaveTextContent(formatCompact(ONE_KEY.requests)))

    window.history.back()
    await waitFor(() => expect(window.location.search).toBe('?range=30d&tz=UTC'))
    await waitFor(() => expect(screen.queryByRole('button', { name: /Remove filter/ })).toBeNull())
    await waitFor(() => expect(screen.getByTestId('card-requests')).toHaveTextContent(formatCompact(WHOLE.requests)))
  })

  it('reloads every panel for a new range', async () => {
    const user = userEvent.setup()
    renderApp('/?tz=UTC', 'viewer-key')
    await screen.findByTestId('card-requests')
    await user.selectOptions(screen.getByTestId('range-select'), 'today')
    expect(new URLSearchParams(window.location.search).get('range')).toBe('today')
    await waitFor(() => {
      for (const path of ['/usage/summary', '/usage/timeline', '/usage/breakdown', '/usage/errors']) {
        expect(paramsSentTo(path).some((p) => p.get('range') === 'today')).toBe(true)
      }
    })
    expect(paramsSentTo('/usage/timeline').at(-1)!.get('bucket')).toBe('hour')
  })

  it('tells a tenant without events how to send the first one', async () => {
    const none = { requests: 0, totalTokens: 0, costUsd: 0 }
    server.use(answer.get('/api/v1/usage/periods', periods({ today: none, thisWeek: none, thisMonth: none, allTime: none })))
    renderApp('/', 'viewer-key')
    expect(await screen.findByTestId('welcome')).toHaveTextContent('No usage yet')
    expect(screen.getByText(/api\/v1\/events/)).toBeInTheDocument()
  })

  it('shows what went wrong and retries on request', async () => {
    const user = userEvent.setup()
    const failed = usageEvent(3, { status: 'error', error: { type: 'rate_limit', message: '429 Too Many Requests from upstream' } })
    server.use(
      answer.get('/api/v1/usage/errors', problem(500, 'The database did not answer in time'), { once: true }),
      answer.get('/api/v1/usage/errors', { items: [failed] }),
    )
    renderApp('/?tz=UTC', 'viewer-key')
    const panel = await screen.findByTestId('table-errors')
    expect(await within(panel).findByText(/database did not answer/)).toBeInTheDocument()
    await user.click(within(panel).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'ready'))
    expect(within(panel).getByText('429 Too Many Requests from upstream')).toBeInTheDocument()
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
