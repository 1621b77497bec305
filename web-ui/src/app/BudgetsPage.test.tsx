import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatPercent, formatUsd } from '@/lib/format'
import { demoEvents } from '@/test/demo-events'
import { FakeApi } from '@/test/fake-api'
import { emptySettings, parseBudget, type SettingsState } from '@/test/fake-settings'
import { renderApp, useFakeFetch } from '@/test/render'
import type { BudgetAlert, BudgetStatus } from '@/types/models'

const NOW = Date.parse('2026-03-10T15:00:00Z')
let api: FakeApi
let settings: SettingsState

beforeEach(() => {
  const events = demoEvents({ now: NOW, days: 20, perDay: 60 })
  settings = emptySettings()
  api = new FakeApi({ 'admin-key': { events, role: 'admin', settings }, 'viewer-key': { events, settings } }, () => NOW)
  useFakeFetch(api)
})

function seedBudget(body: Record<string, unknown>) {
  const budget = parseBudget({ period: 'month', tz: 'UTC', ...body }, `bud_${settings.budgets.length + 1}`, 'demo', NOW)
  settings.budgets.push(budget)
  return budget
}

function alert(budgetId: string, threshold: number, raisedAt: string): BudgetAlert {
  return {
    id: `alr_${budgetId}_${threshold}`,
    budgetId,
    kind: 'threshold',
    threshold,
    periodStart: '2026-03-01T00:00:00Z',
    periodEnd: '2026-04-01T00:00:00Z',
    share: threshold / 100,
    raisedAt,
    delivery: 'delivered',
    deliveries: [],
  }
}

const status = (id: string) =>
  JSON.parse(api.handle(new URL(`http://x/api/v1/budgets/${id}/status`), 'Bearer admin-key').body) as BudgetStatus
const search = () => new URLSearchParams(window.location.search)

// The shell loads the Prices and Budgets pages lazily. In a test worker the first import of
// such a page transforms its whole feature, which on a loaded shared machine took longer than
// findBy's 1 s and left only the Suspense skeleton: load them before the tests, whose subject is
// the pages, not the module loader.
beforeAll(async () => {
  await Promise.all([import('@/features/prices/components/PricesPage'), import('@/features/budgets/components/BudgetsPage')])
})

describe('budgets page', () => {
  it('checks the form, creates a budget, and shows its progress as the status API computes it', async () => {
    const user = userEvent.setup()
    renderApp('/budgets', 'admin-key')
    await waitFor(() => expect(screen.getByTestId('budget-list')).toHaveAttribute('data-state', 'empty'))
    await user.click(screen.getByRole('button', { name: 'New budget' }))
    expect(search().get('edit')).toBe('new')
    const form = screen.getByTestId('budget-form')
    await user.clear(within(form).getByLabelText('Alert thresholds (% of the limit)'))
    await user.type(within(form).getByLabelText('Alert thresholds (% of the limit)'), '50, 50')
    await user.click(within(form).getByRole('button', { name: 'Create budget' }))
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription('A name is required')
    expect(within(form).getByLabelText('Limit (USD)')).toHaveAccessibleDescription('A limit in USD, e.g. 500')
    expect(within(form).getByLabelText('Alert thresholds (% of the limit)')).toHaveAccessibleDescription('50 is given twice')
    expect(api.writes).toEqual([])

    await user.type(within(form).getByLabelText('Name'), 'Whole tenant')
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'UTC')
    // A limit the month's spend so far is about 60% of.
    const monthToDate = (
      JSON.parse(api.handle(new URL('http://x/api/v1/usage/summary?range=mtd&tz=UTC'), 'Bearer admin-key').body) as { costUsd: number }
    ).costUsd
    const limit = Math.ceil(monthToDate / 0.6)
    await user.type(within(form).getByLabelText('Limit (USD)'), String(limit))
    await user.clear(within(form).getByLabelText('Alert thresholds (% of the limit)'))
    await user.type(within(form).getByLabelText('Alert thresholds (% of the limit)'), '25, 50, 100')
    await user.click(within(form).getByRole('button', { name: 'Create budget' }))
    await waitFor(() => expect(screen.queryByTestId('budget-form')).toBeNull())
    expect(api.writes[0]).toMatchObject({
      method: 'POST',
      path: '/budgets',
      body: { name: 'Whole tenant', tz: 'UTC', limitUsd: limit, thresholds: [25, 50, 100], scope: {} },
    })

    const id = settings.budgets[0]!.id
    expect(search().get('budget')).toBe(id)
    const expected = status(id)
    const card = await screen.findByTestId(`budget-${id}`)
    await waitFor(() => expect(within(card).getByRole('progressbar')).toBeInTheDocument())
    expect(card.querySelector('[data-field=spent]')).toHaveTextContent(formatUsd(expected.spent))
    expect(card.querySelector('[data-field=share]')).toHaveTextContent(formatPercent(expected.share))
    const marks = [...card.querySelectorAll('.budget-mark')].map((m) => [m.getAttribute('data-threshold'), m.getAttribute('data-crossed')])
    expect(marks).toEqual(expected.thresholds.map((t) => [String(t), String(expected.thresholdsCrossed.includes(t))]))
    expect(expected.thresholdsCrossed).toEqual([25, 50])

    // The saved budget replaced the form in the history: back returns to the list, not to an empty form.
    window.history.back()
    await waitFor(() => expect(search().get('budget')).toBeNull())
    expect(search().get('edit')).toBeNull()
    expect(screen.queryByTestId('budget-form')).toBeNull()
  })

  it('shows the API’s refusal beside the field it names', async () => {
    const user = userEvent.setup()
    api.problems.set('POST /budgets', { status: 400, parameter: 'thresholds[1]', detail: 'must be a whole percent from 1 to 1000' })
    renderApp('/budgets?edit=new', 'admin-key')
    const form = await screen.findByTestId('budget-form')
    await user.type(within(form).getByLabelText('Name'), 'Team')
    await user.type(within(form).getByLabelText('Limit (USD)'), '10')
    await user.click(within(form).getByRole('button', { name: 'Create budget' }))
    await waitFor(() =>
      expect(within(form).getByLabelText('Alert thresholds (% of the limit)')).toHaveAccessibleDescription(
        'thresholds[1]: must be a whole percent from 1 to 1000',
      ),
    )
    expect(screen.getByTestId('budget-form')).toBeInTheDocument()
  })

  it('shows a viewer the budgets and their alerts, filtered to the selected budget, without changes', async () => {
    const user = userEvent.setup()
    const a = seedBudget({ name: 'Support bot', limitUsd: 5, scope: { project: ['support-bot'] } })
    const b = seedBudget({ name: 'Tokens', limitTokens: 50_000_000 })
    settings.alerts.push(
      alert(a.id, 50, '2026-03-05T10:00:00Z'),
      alert(a.id, 80, '2026-03-08T10:00:00Z'),
      alert(b.id, 50, '2026-03-09T10:00:00Z'),
    )
    renderApp('/budgets', 'viewer-key')
    expect(await screen.findByTestId('read-only')).toHaveTextContent('needs an admin key')
    expect(screen.queryByRole('button', { name: 'New budget' })).toBeNull()
    const cardA = await screen.findByTestId(`budget-${a.id}`)
    await waitFor(() => expect(cardA.querySelector('[data-field=share]')).toHaveTextContent(formatPercent(status(a.id).share)))
    const cardB = screen.getByTestId(`budget-${b.id}`)
    await waitFor(() => expect(cardB.querySelector('[data-field=limit]')).toHaveTextContent('50M tokens'))

    await user.click(within(cardA).getByRole('button', { name: 'Support bot' }))
    expect(search().get('budget')).toBe(a.id)
    const detail = await screen.findByTestId('budget-detail')
    const rows = await within(detail).findAllByRole('row')
    expect(rows.slice(1).map((r) => (r as HTMLTableRowElement).cells[1]!.textContent)).toEqual(['Crossed 80%', 'Crossed 50%'])
    expect(
      api.requests
        .filter((u) => u.pathname === '/api/v1/alerts')
        .at(-1)!
        .searchParams.get('budget'),
    ).toBe(a.id)
    expect(within(detail).queryByRole('button', { name: 'Edit' })).toBeNull()

    window.history.back()
    await waitFor(() => expect(screen.queryByTestId('budget-detail')).toBeNull())
  })

  it('edits a budget and deletes it after a confirmation', async () => {
    const user = userEvent.setup()
    const budget = seedBudget({ name: 'Monthly', limitUsd: 5 })
    renderApp(`/budgets?budget=${budget.id}`, 'admin-key')
    const detail = await screen.findByTestId('budget-detail')
    await user.click(await within(detail).findByRole('button', { name: 'Edit' }))
    const form = await screen.findByTestId('budget-form')
    expect(within(form).getByLabelText('Name')).toHaveValue('Monthly')
    await user.clear(within(form).getByLabelText('Limit (USD)'))
    await user.type(within(form).getByLabelText('Limit (USD)'), '1000')
    await user.click(within(form).getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(screen.queryByTestId('budget-form')).toBeNull())
    expect(api.writes.at(-1)).toMatchObject({ method: 'PUT', path: `/budgets/${budget.id}`, body: { name: 'Monthly', limitUsd: 1000 } })
    const card = screen.getByTestId(`budget-${budget.id}`)
    await waitFor(() => expect(card.querySelector('[data-field=limit]')).toHaveTextContent('$1,000.00'))
    expect(card.querySelector('[data-field=share]')).toHaveTextContent(formatPercent(status(budget.id).share))

    await user.click(within(screen.getByTestId('budget-detail')).getByRole('button', { name: 'Delete…' }))
    await user.click(within(screen.getByTestId('budget-detail')).getByRole('button', { name: 'Delete with its alerts' }))
    await waitFor(() => expect(screen.getByTestId('budget-list')).toHaveAttribute('data-state', 'empty'))
    expect(settings.budgets).toEqual([])
    expect(api.statuses.filter((s) => s === 404)).toEqual([])
  })

  it('links the pages in the shell; back returns from budgets to prices and to the overview', async () => {
    const user = userEvent.setup()
    renderApp('/?range=30d', 'admin-key')
    const nav = screen.getByRole('navigation', { name: 'Pages' })
    await user.click(within(nav).getByRole('link', { name: 'Prices' }))
    // The first visit loads the page's chunk: on a busy shared machine that takes more than findBy's default second.
    expect(await screen.findByTestId('prices', {}, { timeout: 10_000 })).toBeInTheDocument()
    expect(within(nav).getByRole('link', { name: 'Prices' })).toHaveAttribute('aria-current', 'page')
    await user.click(within(nav).getByRole('link', { name: 'Budgets' }))
    expect(await screen.findByTestId('budgets', {}, { timeout: 10_000 })).toBeInTheDocument()
    expect(window.location.pathname).toBe('/budgets')
    window.history.back()
    expect(await screen.findByTestId('prices')).toBeInTheDocument()
    window.history.back()
    await waitFor(() => expect(window.location.pathname).toBe('/'))
    expect(search().get('range')).toBe('30d')
    expect(document.title).toBe('Overview · Tokenmeter')
  })
})
