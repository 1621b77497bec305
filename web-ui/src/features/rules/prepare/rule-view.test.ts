import { describe, expect, it } from 'vitest'
import { firedBody, notice } from '@/test/rule-fixtures'
import type { AnomalyWatch, Digest, NoticeDryRun, UsageRule } from '@/types/rules'
import { testSendText } from '@/lib/previews'
import { dryRunTitle, emailParts, evaluateText, previewTarget, ruleState, settingsText, statusItems } from './rule-view'

const base = {
  tenant: 'demo',
  scope: {},
  enabled: true,
  channels: [],
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
}
const usage: UsageRule = {
  ...base,
  id: 'rul_1',
  kind: 'usage',
  name: 'Errors',
  window: '15m',
  measure: 'errorRate',
  comparison: 'above',
  threshold: 0.05,
  clearThreshold: 0.03,
  clearAfter: 2,
}
const anomaly: AnomalyWatch = { ...base, id: 'rul_2', kind: 'anomaly', name: 'Spend', granularity: 'day', tz: 'UTC', k: 3, minSpendUsd: 10 }
const digest: Digest = {
  ...base,
  id: 'rul_3',
  kind: 'digest',
  name: 'Weekly',
  cadence: 'weekly',
  day: 'monday',
  at: '09:00',
  tz: 'Europe/Berlin',
  topMovers: 5,
}

describe('rule view', () => {
  it('says each kind’s settings in a sentence', () => {
    expect(settingsText(usage)).toBe('Error rate above 5% over 15m; resolves at or below 3% after 2 evaluations')
    expect(settingsText({ ...usage, clearThreshold: 0.05, clearAfter: 1 })).toBe('Error rate above 5% over 15m')
    expect(settingsText(anomaly)).toBe(
      'Today’s spend (UTC) above mean + 3 × spread of the same time in the last 4 weeks, and at least $10.00',
    )
    expect(settingsText(digest)).toBe('Weekly on Monday at 09:00 Europe/Berlin; top 5 movers')
    expect(settingsText({ ...digest, cadence: 'daily', day: undefined })).toBe('Daily at 09:00 Europe/Berlin; top 5 movers')
  })

  it('shows a usage rule firing after a fired notice and OK after it resolved; paused when disabled', () => {
    const fired = notice('ntc_1', 'rul_1', firedBody('rul_1'), '2026-03-10T14:00:00Z', [])
    const resolved = notice('ntc_2', 'rul_1', firedBody('rul_1', { type: 'rule.resolved', value: 0.1 }), '2026-03-10T14:30:00Z', [])
    expect(ruleState(usage, [], 'UTC')).toMatchObject({ label: 'OK', tone: 'good', detail: 'No notice yet', last: null })
    expect(ruleState(usage, [fired], 'UTC')).toMatchObject({ label: 'Firing', tone: 'bad', last: fired })
    expect(ruleState(usage, [fired], 'UTC').detail).toMatch(/^Last notice .+: Fired: error rate 60% above 50% over 5m$/)
    expect(ruleState(usage, [resolved, fired], 'UTC')).toMatchObject({ label: 'OK', tone: 'good', last: resolved })
    expect(ruleState({ ...usage, enabled: false }, [fired], 'UTC')).toMatchObject({ label: 'Paused (was firing)', tone: 'warn' })
    expect(ruleState(anomaly, [], 'UTC').label).toBe('Watching')
    expect(ruleState(digest, [], 'UTC').label).toBe('Scheduled')
  })

  it('lists the figures an evaluation looked at', () => {
    const items = statusItems(
      usage,
      { value: 0.6, windowFrom: '2026-03-10T13:45:00Z', windowTo: '2026-03-10T14:00:00Z', firing: false, transition: 'fire' },
      'UTC',
    )
    expect(items.map((i) => [i.label, i.value]).slice(1)).toEqual([
      ['Error rate', '60%'],
      ['State before', 'ok'],
      ['Evaluating now', 'fires'],
    ])
    const spend = statusItems(
      anomaly,
      { periodStart: '2026-03-10T00:00:00Z', spentUsd: 50, baselineUsd: [1, 1, 0, 0], expected: null, anomalous: false },
      'UTC',
    )
    expect(spend[1]!.value).toBe('no baseline yet: fewer than 2 of the last 4 weeks had spend')
    expect(spend[2]!.value).toBe('$1.00, $1.00, $0.00, $0.00')
    expect(statusItems(digest, { due: true }, 'UTC').at(-1)!.value).toBe('yes')
  })

  it('titles a dry run by what it would send, or says nothing is due', () => {
    const none: NoticeDryRun = { status: {}, wouldSend: null, alreadyRaised: false }
    expect(dryRunTitle(none)).toBe('Nothing is due now: evaluating would send nothing.')
    const would: NoticeDryRun = {
      status: {},
      wouldSend: { type: 'rule.fired', notice: firedBody('rul_1'), deliveries: [] },
      alreadyRaised: false,
    }
    expect(dryRunTitle(would)).toBe('Would send: Fired: error rate 60% above 50% over 5m')
    expect(dryRunTitle({ ...would, alreadyRaised: true })).toBe('Already raised, not sent again: Fired: error rate 60% above 50% over 5m')
  })

  it('reads an email preview’s parts and recipients', () => {
    const preview = {
      channelId: 'ch_1',
      format: 'email' as const,
      url: 'mailto:a@example.com,b@example.com',
      headers: {},
      body: JSON.stringify({ subject: 'S', text: 'T', html: '<p>H</p>' }),
    }
    expect(emailParts(preview)).toEqual({ subject: 'S', text: 'T', html: '<p>H</p>' })
    expect(previewTarget(preview)).toBe('a@example.com, b@example.com')
    expect(emailParts({ ...preview, format: 'json', url: 'https://x' })).toBeNull()
  })

  it('words the evaluate and test answers', () => {
    expect(evaluateText({ raised: 0, status: {} })).toBe('Evaluated now: nothing new to raise.')
    expect(evaluateText({ raised: 1, status: {} })).toBe('Evaluated now: raised 1 notice; their deliveries are on the Alerts page.')
    const sent = { channelId: 'ch_1', format: 'json', deliveryId: 'dlv_1', delivered: true, statusCode: 200, response: 'ok', error: null }
    expect(testSendText(sent)).toBe('Test delivered (HTTP 200), delivery dlv_1.')
    expect(testSendText({ ...sent, delivered: false, statusCode: 500, error: 'HTTP 500' })).toBe('Test not delivered (HTTP 500): HTTP 500.')
  })
})
