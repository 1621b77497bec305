import { describe, expect, it } from 'vitest'
import type { BudgetStatus } from '@/types/models'
import { budgetProgress, formatAmount } from './progress'

function status(values: Partial<BudgetStatus> & Pick<BudgetStatus, 'spent' | 'limit' | 'share'>): BudgetStatus {
  return {
    budgetId: 'bud_1',
    name: 'Team',
    period: { unit: 'month', tz: 'UTC', start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' },
    asOf: '2026-03-10T12:00:00Z',
    unit: 'usd',
    spentUsd: values.spent,
    spentTokens: 0,
    requests: 3,
    limitReached: values.spent >= values.limit,
    projection: {
      method: 'linear',
      endOfPeriod: values.spent * 3,
      share: values.share * 3,
      crossingAt: null,
      exceedsLimit: false,
      elapsedShare: 0.3,
    },
    thresholds: [50, 80, 100],
    thresholdsCrossed: [],
    ...values,
  }
}

describe('budget progress', () => {
  it('draws spend against the limit with a mark per threshold, the crossed ones highlighted', () => {
    const p = budgetProgress(status({ spent: 6, limit: 10, share: 0.6, thresholdsCrossed: [50] }))
    expect(p.scale).toBe(1)
    expect(p.fill).toBeCloseTo(60)
    expect(p.marks).toEqual([
      { threshold: 50, position: 50, crossed: true },
      { threshold: 80, position: 80, crossed: false },
      { threshold: 100, position: 100, crossed: false },
    ])
    expect(p.tone).toBe('warn')
    expect([p.spentLabel, p.limitLabel, p.shareLabel]).toEqual(['$6.00', '$10.00', '60.0%'])
    expect(p.projectedAt).toBe(100)
    expect(p.projectedLabel).toBe('$18.00')
  })

  it('widens the bar for a threshold above 100% and for spend past the limit', () => {
    const wide = budgetProgress(status({ spent: 2, limit: 10, share: 0.2, thresholds: [50, 150] }))
    expect(wide.scale).toBe(1.5)
    expect(wide.limitAt).toBeCloseTo(66.667, 2)
    expect(wide.marks.map((m) => Math.round(m.position * 100) / 100)).toEqual([33.33, 100])
    expect(wide.tone).toBe('ok')

    const over = budgetProgress(status({ spent: 13, limit: 10, share: 1.3, thresholdsCrossed: [50, 80, 100] }))
    expect(over.scale).toBe(1.3)
    expect(over.fill).toBe(100)
    expect(over.tone).toBe('over')
  })

  it('caps the widening at twice the limit and clamps the fill', () => {
    const p = budgetProgress(status({ spent: 50, limit: 10, share: 5, thresholdsCrossed: [50, 80, 100] }))
    expect(p.scale).toBe(2)
    expect(p.fill).toBe(100)
    expect(p.limitAt).toBe(50)
  })

  it('counts tokens when the limit is in tokens', () => {
    const p = budgetProgress(status({ unit: 'tokens', spent: 1_250_000, limit: 2_000_000, share: 0.625 }))
    expect([p.spentLabel, p.limitLabel, p.shareLabel]).toEqual(['1.3M tokens', '2M tokens', '62.5%'])
    expect(formatAmount(0.000321, 'usd')).toBe('$0.000321')
  })
})
