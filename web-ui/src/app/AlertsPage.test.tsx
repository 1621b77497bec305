import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { FakeApi } from '@/test/fake-api'
import { emptySettings, parseBudget, type SettingsState } from '@/test/fake-settings'
import { renderApp, useFakeFetch } from '@/test/render'
import type { BudgetAlert } from '@/types/models'

const NOW = Date.parse('2026-03-10T15:00:00Z')
let settings: SettingsState

beforeEach(() => {
  settings = emptySettings()
  const api = new FakeApi({ 'admin-key': { events: [], role: 'admin', settings } }, () => NOW)
  useFakeFetch(api)
})

function seed() {
  const support = parseBudget(
    {
      name: 'Support',
      period: 'month',
      limitUsd: 10,
      channels: [
        { url: 'https://hooks.example.com/a', format: 'json', secret: 'a-secret-of-16-chars' },
        { type: 'email', recipients: ['finops@example.com'] },
      ],
    },
    'bud_1',
    'demo',
    NOW,
  )
  const quiet = parseBudget({ name: 'Quiet', period: 'month', limitUsd: 5 }, 'bud_2', 'demo', NOW)
  settings.budgets.push(support, quiet)
  const delivery = (channelId: string, patch: Partial<BudgetAlert['deliveries'][number]>): BudgetAlert['deliveries'][number] => ({
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
  })
  const base = { kind: 'threshold' as const, periodStart: '2026-03-01T00:00:00Z', periodEnd: '2026-04-01T00:00:00Z', notified: true }
  settings.alerts.push(
    {
      ...base,
      id: 'alr_1',
      budgetId: 'bud_1',
      threshold: 80,
      share: 0.8,
      raisedAt: '2026-03-10T14:00:00Z',
      delivery: 'retrying',
      deliveries: [
        delivery('ch_1', {
          state: 'failed',
          attempts: 3,
          lastStatusCode: 503,
          lastError: 'HTTP 503',
          deliveredAt: null,
          nextAttemptAt: '2026-03-10T14:05:00Z',
        }),
        delivery('ch_2', { format: 'email', url: 'mailto:finops@example.com', lastStatusCode: 250 }),
      ],
    },
    {
      ...base,
      id: 'alr_2',
      budgetId: 'bud_2',
      threshold: 50,
      share: 0.5,
      raisedAt: '2026-03-09T10:00:00Z',
      delivery: 'none',
      deliveries: [],
    },
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
