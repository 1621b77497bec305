import { describe, expect, it } from 'vitest'
import { anomalyBody, delivery, digestBody, firedBody, notice } from '@/test/rule-fixtures'
import { firingOf, formatMeasure, noticeTitle, overallDelivery } from './notices'

describe('notices in words', () => {
  it('says what fired or resolved, with the measure formatted as people read it', () => {
    expect(noticeTitle(firedBody('rul_1'))).toBe('Fired: error rate 60% above 50% over 5m')
    expect(noticeTitle(firedBody('rul_1', { type: 'rule.resolved', value: 0.1, test: true }))).toBe(
      'Resolved (test): error rate 10%, back at or below 50%',
    )
    expect(noticeTitle(firedBody('rul_1', { measure: 'p95LatencyMs', value: 2300, threshold: 1500, comparison: 'above' }))).toBe(
      `Fired: p95 latency ${formatMeasure('p95LatencyMs', 2300)} above ${formatMeasure('p95LatencyMs', 1500)} over 5m`,
    )
    expect(noticeTitle(anomalyBody('rul_2'))).toBe('Spend anomaly: $50.00 today so far, expected at most $1.30')
    expect(noticeTitle(digestBody('rul_3'))).toBe('Weekly digest: $120.50, 4,200 requests')
  })

  it('sums up deliveries as budget alerts do: any given up, else any retrying, else pending, else delivered', () => {
    expect(overallDelivery([])).toBe('none')
    expect(overallDelivery([delivery('n', 'a'), delivery('n', 'b', { state: 'failed' })])).toBe('retrying')
    expect(overallDelivery([delivery('n', 'a', { state: 'given_up' }), delivery('n', 'b', { state: 'failed' })])).toBe('given_up')
    expect(overallDelivery([delivery('n', 'a', { state: 'pending', attempts: 0 })])).toBe('pending')
    expect(overallDelivery([delivery('n', 'a')])).toBe('delivered')
  })

  it('takes a usage rule as firing when its newest fired or resolved notice fired', () => {
    const fired = notice('ntc_1', 'rul_1', firedBody('rul_1'), '2026-03-10T14:00:00Z', [])
    const resolved = notice('ntc_2', 'rul_1', firedBody('rul_1', { type: 'rule.resolved' }), '2026-03-10T14:10:00Z', [])
    expect(firingOf([])).toBe(false)
    expect(firingOf([fired])).toBe(true)
    expect(firingOf([resolved, fired])).toBe(false)
  })
})
