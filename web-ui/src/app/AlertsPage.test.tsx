import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { answer, keys } from '@/test/api'
import { budget, budgetAlert } from '@/test/fixtures'
import { renderApp } from '@/test/render'
import { noRules } from '@/test/rule-fixtures'
import { paramsSentTo, server } from '@/test/server'
import type { BudgetAlert } from '@/types/models'

const SUPPORT = budget({
  id: 'bud_1',
  name: 'Support',
  limitUsd: 10,
  channels: [
    { id: 'ch_1', type: 'webhook', url: 'https://hooks.example.com/a', format: 'json', hasSecret: true, recipients: null },
    { id: 'ch_2', type: 'email', url: null, format: 'email', hasSecret: false, recipients: ['finops@example.com'] },
  ],
})
const QUIET = budget({ id: 'bud_2', name: 'Quiet', limitUsd: 5 })

function delivery(channelId: string, patch: Partial<BudgetAlert['deliveries'][number]>): BudgetAlert['deliveries'][number] {
  return {
    id: `dlv_${channelId}`,
    channelId,
    format: 'json',
    url: 'https://hooks.example.com/a',
    state: 'delivered',
    attempts: 1,
    nextAttemptAt: null,
    lastAttemptAt: '2026-03-10T14:00:01Z',
    lastStatusCode: 200,
    lastResponse: 'ok',
    lastError: null,
    deliveredAt: '2026-03-10T14:00:01Z',
    ...patch,
  }
}

const FAILING = delivery('ch_1', {
  state: 'failed',
  attempts: 3,
  lastStatusCode: 503,
  lastError: 'HTTP 503',
  deliveredAt: null,
  nextAttemptAt: '2026-03-10T14:05:00Z',
})
const EMAILED = delivery('ch_2', { format: 'email', url: 'mailto:finops@example.com', lastStatusCode: 250 })
const RAISED = budgetAlert('bud_1', 80, '2026-03-10T14:00:00Z', {
  id: 'alr_1',
  notified: true,
  delivery: 'retrying',
  deliveries: [FAILING, EMAILED],
})
const NOT_SENT = budgetAlert('bud_2', 50, '2026-03-09T10:00:00Z', { id: 'alr_2', notified: true, delivery: 'none' })

/**
 * `GET /alerts` as the service answers each filter: newest first; `budget=` keeps that budget's
 * alerts; `channel=` keeps the alerts delivered to that channel, each with only that delivery.
 */
function alertsFor(params: URLSearchParams): BudgetAlert[] {
  const key = `${params.get('budget') ?? ''}/${params.get('channel') ?? ''}`
  const answers: Record<string, BudgetAlert[]> = {
    '/': [RAISED, NOT_SENT],
    'bud_1/': [RAISED],
    'bud_1/ch_2': [{ ...RAISED, deliveries: [EMAILED] }],
    'bud_2/': [NOT_SENT],
  }
  const items = answers[key]
  if (!items) throw new Error(`the test states no answer for GET /alerts?${params}`)
  return items
}

beforeEach(() => {
  server.use(
    keys({ 'admin-key': 'admin' }),
    answer.get('/api/v1/keys', { items: [] }),
    answer.get('/api/v1/budgets', { items: [] }),
    answer.get('/api/v1/alerts', { items: [] }),
    // The page also lists rule notices (NoticeHistory); none here.
    ...noRules(),
  )
})

function seed() {
  server.use(
    answer.get('/api/v1/budgets', { items: [SUPPORT, QUIET] }),
    answer.get('/api/v1/alerts', ({ params }) => ({ items: alertsFor(params) })),
  )
}

const search = () => new URLSearchParams(window.location.search)

describe('alerts page', () => {
  it('lists every alert with each delivery and filters by budget and channel through the URL', async () => {
    seed()
    const user = userEvent.setup()
    renderApp('/alerts?tz=UTC', 'admin-key')
    await waitFor(() => expect(screen.getByTestId('alert-list')).toHaveAttribute('data-state', 'ready'))
    expect(screen.getByRole('link', { name: 'Alerts' })).toHaveAttribute('aria-current', 'page')
    expect(screen.getAllByTestId(/^alert-alr_/).map((e) => e.getAttribute('data-testid'))).toEqual(['alert-alr_1', 'alert-alr_2'])
    const failing = within(screen.getByTestId('delivery-dlv_ch_1'))
    expect(failing.getByText('JSON webhook https://hooks.example.com/a')).toBeInTheDocument()
    expect(failing.getByText('Retrying')).toHaveAttribute('data-state', 'failed')
    expect(failing.getByText('503')).toBeInTheDocument()
    expect(failing.getByText('HTTP 503')).toBeInTheDocument()
    expect(within(screen.getByTestId('delivery-dlv_ch_2')).getByText('Email to finops@example.com')).toBeInTheDocument()
    expect(within(screen.getByTestId('alert-alr_2')).getByText('Not sent')).toBeInTheDocument()

    await user.selectOptions(screen.getByLabelText('Budget'), 'bud_1')
    expect(search().get('budget')).toBe('bud_1')
    await waitFor(() => expect(screen.queryByTestId('alert-alr_2')).not.toBeInTheDocument())
    const channel = screen.getByLabelText('Channel')
    expect(
      within(channel)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All channels', 'Support · JSON webhook https://hooks.example.com/a', 'Support · Email to finops@example.com'])
    await user.selectOptions(channel, 'ch_2')
    expect(search().get('channel')).toBe('ch_2')
    await waitFor(() => expect(paramsSentTo('/alerts').at(-1)!.toString()).toBe('budget=bud_1&channel=ch_2&limit=200'))
    await waitFor(() => expect(screen.queryByTestId('delivery-dlv_ch_1')).not.toBeInTheDocument())
    expect(screen.getByTestId('delivery-dlv_ch_2')).toBeInTheDocument()

    await user.selectOptions(screen.getByLabelText('Budget'), 'bud_2')
    // A new budget clears the channel, which belonged to the other one.
    expect(search().get('channel')).toBeNull()
    await waitFor(() => expect(screen.getByTestId('alert-alr_2')).toBeInTheDocument())
    await user.click(screen.getByRole('button', { name: 'Show all' }))
    expect(search().get('budget')).toBeNull()
    await waitFor(() => expect(screen.getAllByTestId(/^alert-alr_/)).toHaveLength(2))
  })

  it('says what to do when there is no alert yet', async () => {
    renderApp('/alerts', 'admin-key')
    await waitFor(() => expect(screen.getByTestId('alert-list')).toHaveAttribute('data-state', 'empty'))
    expect(screen.getByText('No alerts yet')).toBeInTheDocument()
  })
})
