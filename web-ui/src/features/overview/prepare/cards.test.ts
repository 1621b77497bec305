import { describe, expect, it } from 'vitest'
import { summary } from '@/test/fixtures'
import type { Forecast } from '@/types/models'
import {
  comparisonLabel,
  pointChange,
  prepareCards,
  prepareForecastCard,
  prepareForecastCountCards,
  preparePeriods,
  relativeChange,
} from './cards'

const byId = (cards: ReturnType<typeof prepareCards>, id: string) => cards.find((c) => c.id === id)!

describe('summary cards', () => {
  it('shows each number with its change against the previous period', () => {
    const cards = prepareCards(summary({ requests: 1200, costUsd: 15 }, { requests: 1000, costUsd: 12 }))
    expect(cards.map((c) => c.id)).toEqual([
      'requests',
      'successRate',
      'avgLatency',
      'p95Latency',
      'inputTokens',
      'outputTokens',
      'totalTokens',
      'cachedInputTokens',
      'cost',
    ])
    expect(byId(cards, 'requests')).toMatchObject({
      value: '1,200',
      exact: '1,200',
      change: { text: '+20%', direction: 'up', tone: 'neutral' },
    })
    expect(byId(cards, 'cost')).toMatchObject({ value: '$15.00', change: { text: '+25%' } })
    expect(byId(cards, 'inputTokens')).toMatchObject({ value: '2M', exact: '2,000,000' })
    const expected = summary({ requests: 1200, costUsd: 15 }, { requests: 1000, costUsd: 12 })
    expect(byId(cards, 'totalTokens').exact).toBe(expected.totalTokens.toLocaleString('en-US'))
  })

  it('compares the success rate in points, and calls a drop bad', () => {
    const cards = prepareCards(summary({ requests: 1000, successes: 900 }, { requests: 1000, successes: 950 }))
    expect(byId(cards, 'successRate')).toMatchObject({ value: '90.0%', change: { text: '-5 pp', tone: 'bad', direction: 'down' } })
  })

  it('calls slower latency bad and faster good', () => {
    const slower = prepareCards(summary({ avgLatencyMs: 500, p95LatencyMs: 1000 }, { avgLatencyMs: 400, p95LatencyMs: 2000 }))
    expect(byId(slower, 'avgLatency').change).toMatchObject({ text: '+25%', tone: 'bad' })
    expect(byId(slower, 'p95Latency').change).toMatchObject({ text: '-50%', tone: 'good' })
  })

  it('gives no change when the previous period had no requests, and dashes for missing latency', () => {
    const cards = prepareCards(summary({ avgLatencyMs: null, p95LatencyMs: null }, { requests: 0, successes: 0 }))
    expect(cards.every((c) => c.change === null)).toBe(true)
    expect(byId(cards, 'avgLatency').value).toBe('—')
  })

  it('notes unpriced requests and the cached share of input', () => {
    const cards = prepareCards(summary({ unpricedRequests: 7, inputTokens: 1000, cachedInputTokens: 250 }))
    expect(byId(cards, 'cost').hint).toBe('7 requests without a price')
    expect(byId(cards, 'cachedInputTokens').hint).toBe('25.0% of input')
  })

  it('computes relative and point changes', () => {
    expect(relativeChange(150, 100)).toBe(0.5)
    expect(relativeChange(5, 0)).toBeNull()
    expect(relativeChange(0, 0)).toBe(0)
    expect(relativeChange(null, 3)).toBeNull()
    expect(pointChange(0.991, 0.986, 'up')).toMatchObject({ text: '+0.5 pp', tone: 'good' })
  })

  it('names what the change is measured against', () => {
    expect(comparisonLabel({ range: 'today', tz: 'UTC', filters: {} })).toBe('vs yesterday')
    expect(comparisonLabel({ range: '30d', tz: 'UTC', filters: {} })).toBe('vs previous 30 days')
    expect(comparisonLabel({ range: 'custom', from: '2026-03-01', to: '2026-03-14', tz: 'UTC', filters: {} })).toBe('vs previous 14 days')
  })
})

describe('forecast card', () => {
  const forecast: Forecast = {
    tz: 'UTC',
    month: '2026-03',
    from: '2026-03-01T00:00:00Z',
    to: '2026-04-01T00:00:00Z',
    asOf: '2026-03-10T12:00:00Z',
    monthToDate: { requests: 100, totalTokens: 1000, costUsd: 40 },
    projectedMonthEnd: {
      requests: 300,
      totalTokens: 3000,
      costUsd: 120,
      low: { requests: 200, totalTokens: 2000, costUsd: 90 },
      high: { requests: 400, totalTokens: 4000, costUsd: 150 },
    },
    lastMonth: { requests: 250, totalTokens: 2500, costUsd: 100 },
    method: 'mean',
  }

  it('shows the projection, its band and the month so far, against last month', () => {
    const card = prepareForecastCard(forecast)
    expect(card).toMatchObject({ value: '$120.00', change: { text: '+20%' }, hint: '$90.00 – $150.00 · $40.00 so far' })
    // No usage last month: nothing to compare with (not a change from $0).
    expect(prepareForecastCard({ ...forecast, lastMonth: { requests: 0, totalTokens: 0, costUsd: 0 } }).change).toBeNull()
  })

  it('projects requests and tokens too, each against last month, with its band and the month so far', () => {
    const [requests, tokens] = prepareForecastCountCards(forecast)
    expect(requests).toMatchObject({
      id: 'forecastRequests',
      value: '300',
      exact: '300',
      change: { text: '+20%' },
      hint: '200 – 400 · 100 so far',
    })
    expect(tokens).toMatchObject({
      id: 'forecastTokens',
      value: '3,000',
      exact: '3,000',
      change: { text: '+20%' },
      hint: '2,000 – 4,000 · 1,000 so far',
    })
    const none = prepareForecastCountCards({ ...forecast, lastMonth: { requests: 0, totalTokens: 0, costUsd: 0 } })
    expect(none.every((card) => card.change === null)).toBe(true)
  })
})

describe('period strip', () => {
  it('lists today, this week, this month and all time', () => {
    const amounts = (n: number) => ({ requests: n, totalTokens: n * 1000, costUsd: n / 10 })
    const periods = preparePeriods({
      tz: 'UTC',
      today: amounts(12),
      thisWeek: amounts(80),
      thisMonth: amounts(300),
      allTime: amounts(25_000),
    })
    expect(periods.map((p) => p.label)).toEqual(['Today', 'This week', 'This month', 'All time'])
    expect(periods[3]).toMatchObject({ requests: '25K', exactRequests: '25,000', tokens: '25M', cost: '$2,500.00' })
  })
})
