import { describe, expect, it } from 'vitest'
import { formatPercent, formatShortDateTime } from '@/lib/format'
import type { Budget, BudgetAlert } from '@/types/models'
import { alertRows, channelOptions, deliveryChannelLabel } from './alert-rows'

const budget = (id: string, name: string, channels: Budget['channels']): Budget => ({
  id,
  name,
  channels,
  tenant: 't',
  scope: {},
  period: 'month',
  tz: 'UTC',
  limitUsd: 10,
  limitTokens: null,
  thresholds: [50],
  forecast: false,
  hard: false,
  notify: 'perThreshold',
  createdAt: '',
  updatedAt: '',
})

const email = {
  id: 'ch_e',
  type: 'email' as const,
  url: null,
  format: 'email' as const,
  hasSecret: false,
  recipients: ['finops@example.com', 'cto@example.com'],
}
const hook = {
  id: 'ch_h',
  type: 'webhook' as const,
  url: 'https://hooks.example.com/a',
  format: 'json' as const,
  hasSecret: true,
  recipients: null,
}

const alert = (patch: Partial<BudgetAlert>): BudgetAlert => ({
  id: 'alt_1',
  budgetId: 'bud_1',
  kind: 'threshold',
  threshold: 80,
  periodStart: '2026-12-01T00:00:00Z',
  periodEnd: '2027-01-01T00:00:00Z',
  share: 0.8125,
  raisedAt: '2026-12-06T04:00:00Z',
  delivery: 'retrying',
  notified: true,
  deliveries: [],
  ...patch,
})

describe('alert rows', () => {
  it('names delivery channels by their recipients or their format and URL', () => {
    expect(deliveryChannelLabel('email', 'mailto:a@example.com,b@example.com')).toBe('Email to a@example.com, b@example.com')
    expect(deliveryChannelLabel('slack', 'https://hooks.slack.com/…')).toBe('Slack webhook https://hooks.slack.com/…')
    expect(deliveryChannelLabel('json', 'https://x.example/h')).toBe('JSON webhook https://x.example/h')
  })

  it('offers every channel of every budget, or of the chosen budget, to filter by', () => {
    const budgets = [budget('bud_1', 'Support', [email]), budget('bud_2', 'Copilot', [hook])]
    expect(channelOptions(budgets, null)).toEqual([
      { id: 'ch_e', label: 'Support · Email to finops@example.com, cto@example.com' },
      { id: 'ch_h', label: 'Copilot · JSON webhook https://hooks.example.com/a' },
    ])
    expect(channelOptions(budgets, 'bud_2').map((o) => o.id)).toEqual(['ch_h'])
  })

  it('shows each delivery with its state, attempts, last response code and next attempt', () => {
    const deliveries: BudgetAlert['deliveries'] = [
      {
        id: 'dlv_1',
        channelId: 'ch_h',
        format: 'json',
        url: 'https://hooks.example.com/a',
        state: 'failed',
        attempts: 2,
        nextAttemptAt: '2026-12-06T04:01:00Z',
        lastAttemptAt: '2026-12-06T04:00:30Z',
        lastStatusCode: 503,
        lastResponse: 'busy',
        lastError: 'HTTP 503',
        deliveredAt: null,
      },
      {
        id: 'dlv_2',
        channelId: 'ch_e',
        format: 'email',
        url: 'mailto:finops@example.com',
        state: 'delivered',
        attempts: 1,
        nextAttemptAt: null,
        lastAttemptAt: '2026-12-06T04:00:01Z',
        lastStatusCode: 250,
        lastResponse: null,
        lastError: null,
        deliveredAt: '2026-12-06T04:00:01Z',
      },
      {
        id: 'dlv_3',
        channelId: 'ch_x',
        format: 'slack',
        url: 'https://hooks.slack.com/…',
        state: 'pending',
        attempts: 0,
        nextAttemptAt: '2026-12-06T04:00:00Z',
        lastAttemptAt: null,
        lastStatusCode: null,
        lastResponse: null,
        lastError: null,
        deliveredAt: null,
      },
    ]
    const [row] = alertRows([alert({ deliveries })], [budget('bud_1', 'Support', [])], 'Europe/Berlin')
    expect(row).toMatchObject({ budget: 'Support', title: 'Crossed 80%', share: formatPercent(0.8125), deliveryLabel: 'Retrying' })
    expect(row!.deliveries).toEqual([
      {
        id: 'dlv_1',
        channel: 'JSON webhook https://hooks.example.com/a',
        state: 'failed',
        stateLabel: 'Retrying',
        attempts: 2,
        lastCode: '503',
        nextAttempt: formatShortDateTime('2026-12-06T04:01:00Z', 'Europe/Berlin'),
        outcome: 'HTTP 503',
      },
      {
        id: 'dlv_2',
        channel: 'Email to finops@example.com',
        state: 'delivered',
        stateLabel: 'Delivered',
        attempts: 1,
        lastCode: '250',
        nextAttempt: '—',
        outcome: `Delivered ${formatShortDateTime('2026-12-06T04:00:01Z', 'Europe/Berlin')}`,
      },
      {
        id: 'dlv_3',
        channel: 'Slack webhook https://hooks.slack.com/…',
        state: 'pending',
        stateLabel: 'Pending',
        attempts: 0,
        lastCode: '—',
        nextAttempt: formatShortDateTime('2026-12-06T04:00:00Z', 'Europe/Berlin'),
        outcome: 'Not tried yet',
      },
    ])
  })

  it('says when an alert was recorded without notifying, and names a forecast and a deleted budget', () => {
    const [covered, forecast] = alertRows(
      [alert({ notified: false, delivery: 'none' }), alert({ id: 'alt_2', budgetId: 'bud_gone', kind: 'forecast', threshold: 100 })],
      [budget('bud_1', 'Support', [])],
      'UTC',
    )
    expect(covered!.deliveryLabel).toBe('Not sent: a higher threshold was sent instead')
    expect(forecast).toMatchObject({ budget: 'bud_gone', title: 'Forecast: on course to cross the limit' })
  })
})
