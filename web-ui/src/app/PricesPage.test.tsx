import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { answer, keys, problem, writes } from '@/test/api'
import { job, priceEntry, priceItem, priceList } from '@/test/fixtures'
import { renderApp } from '@/test/render'
import { server } from '@/test/server'
import type { PriceItem, UnpricedModel } from '@/types/models'

const NOW = Date.parse('2026-03-10T15:00:00Z')
const UNPRICED = 'mistral-large-latest'
const MISTRAL: UnpricedModel = {
  provider: 'mistral',
  model: UNPRICED,
  events: 37,
  inputTokens: 50_000,
  outputTokens: 9_000,
  totalTokens: 59_000,
  firstSeen: '2026-03-01T08:12:00Z',
  lastSeen: '2026-03-10T14:50:00Z',
  pricedNow: false,
}
const CATALOG: PriceItem[] = [
  priceItem('anthropic', 'claude-haiku-4-5', 1, 5),
  priceItem('anthropic', 'claude-sonnet-4-5', 3, 15),
  priceItem('google', 'gemini-2.5-flash', 0.3, 2.5),
  priceItem('google', 'gemini-2.5-pro', 1.25, 10),
  priceItem('openai', 'gpt-4.1', 2, 8),
  priceItem('openai', 'gpt-5-mini', 0.25, 2),
]
const OVERRIDE = priceEntry({
  source: 'override',
  effectiveFrom: '2026-03-01T00:00:00Z',
  input: 2,
  output: 6,
  url: null,
  reference: `override:mistral/${UNPRICED}@2026-03-01T00:00:00Z`,
})
const MISTRAL_PRICED: PriceItem = { provider: 'mistral', model: UNPRICED, source: 'override', current: OVERRIDE, history: [OVERRIDE] }

/** What the API answers before and after the test's own writes: a saved price, a finished re-pricing job. */
let priceSaved: boolean
let jobReads: number

afterEach(() => vi.useRealTimers())

beforeEach(() => {
  // The page's clock (the re-price form's "today"); timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  priceSaved = false
  jobReads = 0
  const started = job({ id: 'job_1', from: '2026-03-01T00:00:00Z', to: '2026-03-11T00:00:00Z', daysTotal: 10 })
  server.use(
    keys({ 'admin-key': 'admin', 'viewer-key': 'viewer' }),
    answer.get('/api/v1/keys', { items: [] }),
    answer.get('/api/v1/prices', () => priceList(priceSaved ? [...CATALOG, MISTRAL_PRICED] : CATALOG)),
    answer.get('/api/v1/prices/unpriced', () => {
      if (jobReads >= 3) return { items: [] }
      return { items: [{ ...MISTRAL, pricedNow: priceSaved }] }
    }),
    answer.put('/api/v1/prices', () => {
      priceSaved = true
      return MISTRAL_PRICED
    }),
    answer.post('/api/v1/prices/reprice', started, { status: 202 }),
    // Each read moves the job on: running half-way, then done.
    answer.get('/api/v1/jobs/{id}', ({ path }) => {
      jobReads++
      if (path.id !== 'job_1') return problem(404, `No job ${path.id}`)
      if (jobReads === 1) return { ...started, state: 'running', startedAt: '2026-03-10T15:00:01Z', eventsTotal: 37 }
      if (jobReads === 2) return { ...started, state: 'running', daysDone: 5, progress: 0.5, eventsTotal: 37, eventsDone: 18 }
      return { ...started, state: 'done', daysDone: 10, progress: 1, eventsTotal: 37, eventsDone: 37, eventsRepriced: 37 }
    }),
  )
})

const unpricedRow = async () =>
  within(await screen.findByTestId('unpriced')).findByRole('row', { name: new RegExp(UNPRICED) }, { timeout: 5000 })
const priceRows = () => within(screen.getByTestId('price-list')).getAllByRole('row').slice(1)

// The shell loads the Prices page lazily; the first import transforms the whole feature, which on
// a loaded shared machine took longer than findBy's 1 s ("Unable to find [data-testid=unpriced]"
// with only the Suspense skeleton drawn). Load it before the tests, whose subject is the page.
beforeAll(async () => {
  await import('@/features/prices/components/PricesPage')
})

describe('prices page', () => {
  it('shows a viewer the unpriced models and the price list, and why changes are disabled', async () => {
    renderApp('/prices', 'viewer-key')
    const row = await unpricedRow()
    expect(within(row).getAllByRole('cell')[1]).toHaveTextContent(String(MISTRAL.events))
    expect(await screen.findByTestId('read-only')).toHaveTextContent('needs an admin key')
    expect(within(row).getByRole('button', { name: 'Set price' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Re-price' })).toBeDisabled()
    await waitFor(() => expect(priceRows()).toHaveLength(CATALOG.length))
    expect(screen.getByTestId('price-count')).toHaveTextContent(`${CATALOG.length} of ${CATALOG.length} models`)
  })

  it('checks the form, sets a price, and marks the model priced now and the price as the tenant’s', async () => {
    const user = userEvent.setup()
    renderApp('/prices', 'admin-key')
    const row = await unpricedRow()
    await waitFor(() => expect(within(row).getByRole('button', { name: 'Set price' })).toBeEnabled())
    await user.click(within(row).getByRole('button', { name: 'Set price' }))
    const form = await screen.findByTestId('price-form')
    await user.click(within(form).getByRole('button', { name: 'Save price' }))
    expect(within(form).getAllByText('Required: USD per 1M tokens')).toHaveLength(2)
    expect(writes).toEqual([])

    await user.type(within(form).getByRole('textbox', { name: 'Input' }), '2')
    await user.type(within(form).getByRole('textbox', { name: 'Output' }), '6')
    await user.click(within(form).getByRole('button', { name: 'Save price' }))
    await waitFor(() => expect(screen.queryByTestId('price-form')).toBeNull())
    expect(writes).toEqual([
      { method: 'PUT', path: '/prices', body: { provider: 'mistral', model: UNPRICED, effectiveFrom: '2026-03-01', input: 2, output: 6 } },
    ])
    await waitFor(() =>
      expect(
        within(within(screen.getByTestId('unpriced')).getByRole('row', { name: new RegExp(`^mistral/${UNPRICED}`) })).getByText(
          'priced now',
        ),
      ).toBeInTheDocument(),
    )
    await waitFor(() => expect(priceRows().some((r) => r.getAttribute('data-model') === UNPRICED)).toBe(true))
    const listed = priceRows().find((r) => r.getAttribute('data-model') === UNPRICED)!
    expect(listed).toHaveAttribute('data-source', 'override')
    expect(listed).toHaveTextContent('$2.00')
  })

  it('shows the API’s refusal beside the field it names', async () => {
    const user = userEvent.setup()
    server.use(answer.put('/api/v1/prices', problem(400, 'must be from 0 to 1000000 (USD per 1 000 000 tokens)', 'output')))
    renderApp('/prices', 'admin-key')
    const row = await unpricedRow()
    await waitFor(() => expect(within(row).getByRole('button', { name: 'Set price' })).toBeEnabled())
    await user.click(within(row).getByRole('button', { name: 'Set price' }))
    const form = await screen.findByTestId('price-form')
    await user.type(within(form).getByRole('textbox', { name: 'Input' }), '1')
    await user.type(within(form).getByRole('textbox', { name: 'Output' }), '2')
    await user.click(within(form).getByRole('button', { name: 'Save price' }))
    const output = within(form).getByRole('textbox', { name: 'Output' })
    await waitFor(() => expect(output).toHaveAttribute('aria-invalid', 'true'))
    expect(output).toHaveAccessibleDescription('must be from 0 to 1000000 (USD per 1 000 000 tokens)')
  })

  it('re-prices: the progress bar follows the job until done, then nothing is unpriced', async () => {
    const user = userEvent.setup()
    priceSaved = true
    renderApp('/prices', 'admin-key')
    await unpricedRow()
    await waitFor(() => expect(screen.getByRole('button', { name: 'Re-price' })).toBeEnabled())

    await user.click(screen.getByRole('button', { name: 'Re-price' }))
    const bar = await screen.findByRole('progressbar', { name: 'Re-pricing progress' })
    await waitFor(() => expect(screen.getByTestId('job')).toHaveAttribute('data-state', 'running'), { timeout: 5000 })
    await waitFor(() => expect(screen.getByTestId('job')).toHaveAttribute('data-state', 'done'), { timeout: 5000 })
    expect(bar).toHaveAttribute('aria-valuenow', '100')
    // From the first unpriced event's UTC day through today.
    expect(writes.find((w) => w.path === '/prices/reprice')!.body).toEqual({ from: '2026-03-01', to: '2026-03-11' })
    expect(new URLSearchParams(window.location.search).get('job')).toBe('job_1')
    await waitFor(() => expect(screen.getByTestId('unpriced')).toHaveAttribute('data-state', 'empty'))
  })

  it('keeps the search and the provider filter in the URL; back undoes the filter', async () => {
    const user = userEvent.setup()
    renderApp('/prices', 'viewer-key')
    await waitFor(() => expect(priceRows()).toHaveLength(CATALOG.length))
    await user.type(screen.getByTestId('price-search'), 'gemini')
    await waitFor(() => expect(priceRows()).toHaveLength(2))
    priceRows().forEach((r) => expect(r).toHaveTextContent('gemini'))
    expect(new URLSearchParams(window.location.search).get('q')).toBe('gemini')

    await user.clear(screen.getByTestId('price-search'))
    await user.click(screen.getByRole('button', { name: 'Provider' }))
    await user.click(screen.getByRole('checkbox', { name: 'anthropic' }))
    await waitFor(() => expect(priceRows()).toHaveLength(2))
    priceRows().forEach((r) => expect(r).toHaveTextContent(/^anthropic\//))
    expect(new URLSearchParams(window.location.search).getAll('provider')).toEqual(['anthropic'])

    window.history.back()
    await waitFor(() => expect(new URLSearchParams(window.location.search).getAll('provider')).toEqual([]))
    await waitFor(() => expect(priceRows().some((r) => r.textContent!.startsWith('openai/'))).toBe(true))
  })

  it('says what went wrong and retries', async () => {
    const user = userEvent.setup()
    server.use(answer.get('/api/v1/prices', problem(500, 'The database did not answer in time'), { once: true }))
    renderApp('/prices', 'viewer-key')
    const panel = await screen.findByTestId('price-list')
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'error'))
    expect(within(panel).getByRole('alert')).toHaveTextContent('The database did not answer in time')
    await user.click(within(panel).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'ready'))
  })
})
