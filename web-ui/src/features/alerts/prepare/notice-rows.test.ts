import { describe, expect, it } from 'vitest'
import { delivery, firedBody, notice } from '@/test/rule-fixtures'
import type { UsageRule } from '@/types/rules'
import { noticeRows, ruleChannelOptions, type RuleEntry } from './notice-rows'

const rule: UsageRule = {
  id: 'rul_1',
  tenant: 'demo',
  kind: 'usage',
  name: 'Error rate',
  scope: {},
  enabled: true,
  window: '5m',
  measure: 'errorRate',
  comparison: 'above',
  threshold: 0.5,
  clearThreshold: 0.5,
  clearAfter: 1,
  channels: [
    { id: 'ch_a', type: 'webhook', url: 'https://hooks.example.com/a', format: 'json', hasSecret: true, recipients: null },
    { id: 'ch_b', type: 'email', url: null, format: 'email', hasSecret: false, recipients: ['ops@example.com'] },
  ],
  createdAt: '2026-03-10T10:00:00Z',
  updatedAt: '2026-03-10T10:00:00Z',
}
const entries: RuleEntry[] = [{ collection: 'rules', rule }]
const fired = notice('ntc_1', 'rul_1', firedBody('rul_1'), '2026-03-10T14:00:00Z', [
  delivery('ntc_1', 'ch_a', { state: 'failed', attempts: 2, lastStatusCode: 503, lastError: 'HTTP 503', deliveredAt: null }),
  delivery('ntc_1', 'ch_b', { format: 'email', lastStatusCode: 250 }),
])

describe('notice rows', () => {
  it('names the rule and each channel, with the delivery state, attempts, code and outcome', () => {
    const [row] = noticeRows([fired], entries, 'UTC')
    expect(row).toMatchObject({
      id: 'ntc_1',
      rule: 'Error rate',
      kind: 'Usage rule',
      title: 'Fired: error rate 60% above 50% over 5m',
      delivery: 'retrying',
      deliveryLabel: 'Retrying',
    })
    expect(row!.deliveries.map((d) => [d.id, d.channel, d.stateLabel, d.attempts, d.lastCode, d.nextAttempt, d.outcome])).toEqual([
      ['dlv_ntc_1_ch_a', 'JSON webhook https://hooks.example.com/a', 'Retrying', 2, '503', '—', 'HTTP 503'],
      ['dlv_ntc_1_ch_b', 'Email to ops@example.com', 'Delivered', 1, '250', '—', expect.stringMatching(/^Delivered /)],
    ])
  })

  it('narrows to one channel, keeping only that delivery, and names a deleted rule from the notice', () => {
    const [row] = noticeRows([fired], entries, 'UTC', 'ch_b')
    expect(row!.deliveries.map((d) => d.id)).toEqual(['dlv_ntc_1_ch_b'])
    expect(row!.delivery).toBe('delivered')
    expect(noticeRows([fired], entries, 'UTC', 'ch_other')).toEqual([])
    const [orphan] = noticeRows([fired], [], 'UTC')
    expect(orphan).toMatchObject({ rule: 'Error rate', kind: 'Deleted rule' })
    expect(orphan!.deliveries[0]!.channel).toBe('json channel ch_a')
  })

  it('offers every channel of the rules to filter by', () => {
    expect(ruleChannelOptions(entries, null)).toEqual([
      { id: 'ch_a', label: 'Error rate · JSON webhook https://hooks.example.com/a' },
      { id: 'ch_b', label: 'Error rate · Email to ops@example.com' },
    ])
    expect(ruleChannelOptions(entries, 'rul_other')).toEqual([])
  })
})
