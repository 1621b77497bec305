import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatPercent, formatUsd } from '@/lib/format'
import { answer, keys, noContent, problem, writes } from '@/test/api'
import { budget, budgetAlert, budgetStatus, priceList } from '@/test/fixtures'
import { overviewAnswers } from '@/test/overview-answers'
import { renderApp } from '@/test/render'
import { sent, server } from '@/test/server'
import type { Budget, BudgetAlert, BudgetRequest, BudgetStatus } from '@/types/models'

/** The tenant's budgets as the API lists them, each with the status it answers; tests change them as the API would. */
let budgets: Budget[]
let statuses: Map<string, BudgetStatus>
/** Alerts per `budget=` parameter, newest first, as `GET /alerts` answers them. */
let alerts: Map<string, BudgetAlert[]>

beforeEach(() => {
  budgets = []
  statuses = new Map()
  alerts = new Map()
  server.use(
    keys({ 'admin-key': 'admin', 'viewer-key': 'viewer' }),
    ...overviewAnswers(),
    answer.get('/api/v1/keys', { items: [] }),
    answer.get('/api/v1/prices', priceList([])),
    answer.get('/api/v1/prices/unpriced', { items: [] }),
    answer.get('/api/v1/budgets', () => ({ items: budgets })),
    answer.get('/api/v1/budgets/{id}/status', ({ path }) => statuses.get(path.id ?? '') ?? problem(404, `No budget ${path.id}`)),
    answer.get('/api/v1/alerts', ({ params }) => ({ items: alerts.get(params.get('budget') ?? '') ?? [] })),
  )
})

function stored(b: Budget, spent: number, crossed: number[]): Budget {
  budgets.push(b)
  statuses.set(b.id, budgetStatus(b, spent, crossed))
  return b
}

const search = () => new URLSearchParams(window.location.search)

// The shell loads the Prices and Budgets pages lazily. In a test worker the first import of
// such a page transforms its whole feature, which on a loaded shared machine took longer than
// findBy's 1 s and left only the Suspense skeleton: load them before the tests, whose subject is
// the pages, not the module loader.
beforeAll(async () => {
  await Promise.all([import('@/features/prices/components/PricesPage'), import('@/features/budgets/components/BudgetsPage')])
})

describe('budgets page', () => {
  it('checks the form, creates a budget, and shows its progress as the status API answers it', async () => {
    const user = userEvent.setup()
    server.use(
      answer.post(
        '/api/v1/budgets',
        ({ body }) => {
          const request = body as BudgetRequest
          const created = budget({
            id: 'bud_new',
            name: request.name,
            tz: request.tz,
            limitUsd: request.limitUsd,
            thresholds: request.thresholds,
          })
          return stored(created, 300, [25, 50])
        },
        { status: 201 },
      ),
    )
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
    expect(writes).toEqual([])

    await user.type(within(form).getByLabelText('Name'), 'Whole tenant')
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'UTC')
    await user.type(within(form).getByLabelText('Limit (USD)'), '500')
    await user.clear(within(form).getByLabelText('Alert thresholds (% of the limit)'))
    await user.type(within(form).getByLabelText('Alert thresholds (% of the limit)'), '25, 50, 100')
    await user.click(within(form).getByRole('button', { name: 'Create budget' }))
    await waitFor(() => expect(screen.queryByTestId('budget-form')).toBeNull())
    expect(writes[0]).toMatchObject({
      method: 'POST',
      path: '/budgets',
      body: { name: 'Whole tenant', tz: 'UTC', limitUsd: 500, thresholds: [25, 50, 100], scope: {} },
    })

    expect(search().get('budget')).toBe('bud_new')
    const expected = statuses.get('bud_new')!
    const card = await screen.findByTestId('budget-bud_new')
    await waitFor(() => expect(within(card).getByRole('progressbar')).toBeInTheDocument())
    expect(card.querySelector('[data-field=spent]')).toHaveTextContent(formatUsd(expected.spent))
    expect(card.querySelector('[data-field=share]')).toHaveTextContent(formatPercent(expected.share))
    const marks = [...card.querySelectorAll('.budget-mark')].map((m) => [m.getAttribute('data-threshold'), m.getAttribute('data-crossed')])
    expect(marks).toEqual([
      ['25', 'true'],
      ['50', 'true'],
      ['100', 'false'],
    ])

    // The saved budget replaced the form in the history: back returns to the list, not to an empty form.
    window.history.back()
    await waitFor(() => expect(search().get('budget')).toBeNull())
    expect(search().get('edit')).toBeNull()
    expect(screen.queryByTestId('budget-form')).toBeNull()
  })

  it('shows the API’s refusal beside the field it names', async () => {
    const user = userEvent.setup()
    server.use(answer.post('/api/v1/budgets', problem(400, 'must be a whole percent from 1 to 1000', 'thresholds[1]')))
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
    const a = stored(budget({ id: 'bud_1', name: 'Support bot', limitUsd: 5, scope: { project: ['support-bot'] } }), 4.2, [50, 80])
    const b = stored(budget({ id: 'bud_2', name: 'Tokens', limitUsd: null, limitTokens: 50_000_000 }), 26_000_000, [50])
    alerts.set(a.id, [budgetAlert(a.id, 80, '2026-03-08T10:00:00Z'), budgetAlert(a.id, 50, '2026-03-05T10:00:00Z')])
    alerts.set(b.id, [budgetAlert(b.id, 50, '2026-03-09T10:00:00Z')])
    renderApp('/budgets', 'viewer-key')
    expect(await screen.findByTestId('read-only')).toHaveTextContent('needs an admin key')
    expect(screen.queryByRole('button', { name: 'New budget' })).toBeNull()
    const cardA = await screen.findByTestId(`budget-${a.id}`)
    await waitFor(() => expect(cardA.querySelector('[data-field=share]')).toHaveTextContent(formatPercent(statuses.get(a.id)!.share)))
    const cardB = screen.getByTestId(`budget-${b.id}`)
    await waitFor(() => expect(cardB.querySelector('[data-field=limit]')).toHaveTextContent('50M tokens'))

    await user.click(within(cardA).getByRole('button', { name: 'Support bot' }))
    expect(search().get('budget')).toBe(a.id)
    const detail = await screen.findByTestId('budget-detail')
    const rows = await within(detail).findAllByRole('row')
    expect(rows.slice(1).map((r) => (r as HTMLTableRowElement).cells[1]!.textContent)).toEqual(['Crossed 80%', 'Crossed 50%'])
    expect(
      sent
        .filter((s) => s.path === '/alerts')
        .at(-1)!
        .params.get('budget'),
    ).toBe(a.id)
    expect(within(detail).queryByRole('button', { name: 'Edit' })).toBeNull()

    window.history.back()
    await waitFor(() => expect(screen.queryByTestId('budget-detail')).toBeNull())
  })

  it('edits a budget and deletes it after a confirmation', async () => {
    const user = userEvent.setup()
    const monthly = stored(budget({ id: 'bud_1', name: 'Monthly', limitUsd: 5 }), 4, [50])
    server.use(
      answer.put('/api/v1/budgets/{id}', ({ body }) => {
        const request = body as BudgetRequest
        const changed = { ...monthly, name: request.name, limitUsd: request.limitUsd ?? null }
        budgets = [changed]
        statuses.set(changed.id, budgetStatus(changed, 4, []))
        return changed
      }),
      answer.delete('/api/v1/budgets/{id}', () => {
        budgets = []
        statuses.clear()
        return noContent()
      }),
    )
    renderApp(`/budgets?budget=${monthly.id}`, 'admin-key')
    const detail = await screen.findByTestId('budget-detail')
    await user.click(await within(detail).findByRole('button', { name: 'Edit' }))
    const form = await screen.findByTestId('budget-form')
    expect(within(form).getByLabelText('Name')).toHaveValue('Monthly')
    await user.clear(within(form).getByLabelText('Limit (USD)'))
    await user.type(within(form).getByLabelText('Limit (USD)'), '1000')
    await user.click(within(form).getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(screen.queryByTestId('budget-form')).toBeNull())
    expect(writes.at(-1)).toMatchObject({ method: 'PUT', path: `/budgets/${monthly.id}`, body: { name: 'Monthly', limitUsd: 1000 } })
    const card = screen.getByTestId(`budget-${monthly.id}`)
    await waitFor(() => expect(card.querySelector('[data-field=limit]')).toHaveTextContent('$1,000.00'))
    await waitFor(() => expect(card.querySelector('[data-field=share]')).toHaveTextContent(formatPercent(statuses.get(monthly.id)!.share)))

    await user.click(within(screen.getByTestId('budget-detail')).getByRole('button', { name: 'Delete…' }))
    await user.click(within(screen.getByTestId('budget-detail')).getByRole('button', { name: 'Delete with its alerts' }))
    await waitFor(() => expect(screen.getByTestId('budget-list')).toHaveAttribute('data-state', 'empty'))
    expect(writes.at(-1)).toMatchObject({ method: 'DELETE', path: `/budgets/${monthly.id}` })
    // The page stops asking for the deleted budget's status and alerts.
    expect(sent.filter((s) => s.status === 404)).toEqual([])
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
