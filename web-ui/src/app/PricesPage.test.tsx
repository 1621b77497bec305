import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { demoEvents } from '@/test/demo-events'
import { FakeApi } from '@/test/fake-api'
import { emptySettings } from '@/test/fake-settings'
import { renderApp, useFakeFetch } from '@/test/render'
import type { Summary, UsageEvent } from '@/types/models'

const NOW = Date.parse('2026-03-10T15:00:00Z')
const UNPRICED = 'mistral-large-latest'
let api: FakeApi
let events: UsageEvent[]

afterEach(() => vi.useRealTimers())

beforeEach(() => {
  // The page's clock (the re-price form's "today") agrees with the fake API's; timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  events = demoEvents({ now: NOW, days: 10, perDay: 40 })
  const settings = emptySettings()
  api = new FakeApi({ 'admin-key': { events, role: 'admin', settings }, 'viewer-key': { events, settings } }, () => NOW)
  useFakeFetch(api)
})

const unpricedRow = async () =>
  within(await screen.findByTestId('unpriced')).findByRole('row', { name: new RegExp(UNPRICED) }, { timeout: 5000 })
const priceRows = () => within(screen.getByTestId('price-list')).getAllByRole('row').slice(1)
const summary = (): Summary =>
  JSON.parse(api.handle(new URL('http://x/api/v1/usage/summary?range=30d&tz=UTC'), 'Bearer admin-key').body) as Summary

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
    const expected = events.filter((e) => !e.priced).length
    expect(within(row).getAllByRole('cell')[1]).toHaveTextContent(String(expected))
    expect(await screen.findByTestId('read-only')).toHaveTextContent('needs an admin key')
    expect(within(row).getByRole('button', { name: 'Set price' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Re-price' })).toBeDisabled()
    await waitFor(() => expect(priceRows().length).toBeGreaterThan(5))
    expect(screen.getByTestId('price-count')).toHaveTextContent(`${priceRows().length} of ${priceRows().length} models`)
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
    expect(api.writes).toEqual([])

    await user.type(within(form).getByRole('textbox', { name: 'Input' }), '2')
    await user.type(within(form).getByRole('textbox', { name: 'Output' }), '6')
    await user.click(within(form).getByRole('button', { name: 'Save price' }))
    await waitFor(() => expect(screen.queryByTestId('price-form')).toBeNull())
    const firstSeen = events.find((e) => !e.priced)!.time.slice(0, 10)
    expect(api.writes).toEqual([
      { method: 'PUT', path: '/prices', body: { provider: 'mistral', model: UNPRICED, effectiveFrom: firstSeen, input: 2, output: 6 } },
    ])
    await waitFor(() =>
      expect(
        within(within(screen.getByTestId('unpriced')).getByRole('row', { name: new RegExp(`^mistral/${UNPRICED}`) })).getByText(
          'priced now',
        ),
      ).toBeInTheDocument(),
    )
    const listed = priceRows().find((r) => r.getAttribute('data-model') === UNPRICED)!
    expect(listed).toHaveAttribute('data-source', 'override')
    expect(listed).toHaveTextContent('$2.00')
  })

  it('shows the API’s refusal beside the field it names', async () => {
    const user = userEvent.setup()
    api.problems.set('PUT /prices', { status: 400, parameter: 'output', detail: 'must be from 0 to 1000000 (USD per 1 000 000 tokens)' })
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
    renderApp('/prices', 'admin-key')
    const row = await unpricedRow()
    await waitFor(() => expect(within(row).getByRole('button', { name: 'Set price' })).toBeEnabled())
    await user.click(within(row).getByRole('button', { name: 'Set price' }))
    const form = await screen.findByTestId('price-form')
    await user.type(within(form).getByRole('textbox', { name: 'Input' }), '2')
    await user.type(within(form).getByRole('textbox', { name: 'Output' }), '6')
    await user.click(within(form).getByRole('button', { name: 'Save price' }))
    await waitFor(() => expect(screen.queryByTestId('price-form')).toBeNull())
    expect(summary().unpricedRequests).toBeGreaterThan(0)
    const firstUnpriced = events.find((e) => !e.priced)!.time.slice(0, 10)

    await user.click(screen.getByRole('button', { name: 'Re-price' }))
    const bar = await screen.findByRole('progressbar', { name: 'Re-pricing progress' })
    await waitFor(() => expect(screen.getByTestId('job')).toHaveAttribute('data-state', 'running'), { timeout: 5000 })
    await waitFor(() => expect(screen.getByTestId('job')).toHaveAttribute('data-state', 'done'), { timeout: 5000 })
    expect(bar).toHaveAttribute('aria-valuenow', '100')
    const reprice = api.writes.find((w) => w.path === '/prices/reprice')!
    // From the first unpriced event's UTC day through today.
    expect(reprice.body).toEqual({ from: firstUnpriced, to: '2026-03-11' })
    expect(new URLSearchParams(window.location.search).get('job')).toMatch(/^job_/)
    await waitFor(() => expect(screen.getByTestId('unpriced')).toHaveAttribute('data-state', 'empty'))
    expect(summary().unpricedRequests).toBe(0)
    const mistral = events.filter((e) => e.model === UNPRICED)
    expect(mistral.every((e) => e.costUsd > 0)).toBe(true)
  })

  it('keeps the search and the provider filter in the URL; back undoes the filter', async () => {
    const user = userEvent.setup()
    renderApp('/prices', 'viewer-key')
    await waitFor(() => expect(priceRows().length).toBeGreaterThan(5))
    await user.type(screen.getByTestId('price-search'), 'gemini')
    await waitFor(() => priceRows().forEach((r) => expect(r).toHaveTextContent('gemini')))
    expect(new URLSearchParams(window.location.search).get('q')).toBe('gemini')

    await user.clear(screen.getByTestId('price-search'))
    await user.click(screen.getByRole('button', { name: 'Provider' }))
    await user.click(screen.getByRole('checkbox', { name: 'anthropic' }))
    await waitFor(() => priceRows().forEach((r) => expect(r).toHaveTextContent(/^anthropic\//)))
    expect(new URLSearchParams(window.location.search).getAll('provider')).toEqual(['anthropic'])

    window.history.back()
    await waitFor(() => expect(new URLSearchParams(window.location.search).getAll('provider')).toEqual([]))
    await waitFor(() => expect(priceRows().some((r) => r.textContent!.startsWith('openai/'))).toBe(true))
  })

  it('says what went wrong and retries', async () => {
    const user = userEvent.setup()
    api.failures.set('/prices', 1)
    renderApp('/prices', 'viewer-key')
    const panel = await screen.findByTestId('price-list')
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'error'))
    expect(within(panel).getByRole('alert')).toHaveTextContent('The database did not answer in time')
    await user.click(within(panel).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'ready'))
  })
})
