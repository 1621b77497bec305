import { describe, expect, it } from 'vitest'
import type { ChannelPreview, DryRun, WouldSend } from '@/types/models'
import { channelLabel } from '@/lib/channels'
import { headerLines, testSendText } from '@/lib/previews'
import { alreadyRaisedText, evaluateText, previewSections } from './actions'

const preview: ChannelPreview = {
  channelId: 'ch_1',
  format: 'json',
  url: 'https://hooks.example.com/a',
  headers: { 'Content-Type': 'application/json', 'X-Tokenmeter-Delivery': 'dlv_x' },
  body: '{"id":"alt_x"}',
  email: null,
  to: null,
}
const would = (kind: 'threshold' | 'forecast', threshold: number): WouldSend => ({
  kind,
  threshold,
  alert: {} as WouldSend['alert'],
  requests: [preview],
})
const dryRun = (patch: Partial<DryRun>): DryRun => ({
  status: {} as DryRun['status'],
  wouldSend: [],
  alreadyRaised: [],
  sample: null,
  ...patch,
})

describe('budget actions', () => {
  it('names a channel by its recipients or its format and URL', () => {
    expect(channelLabel({ type: 'email', url: null, format: 'email', recipients: ['a@example.com', 'b@example.com'] })).toBe(
      'Email to a@example.com, b@example.com',
    )
    expect(channelLabel({ type: 'webhook', url: 'https://hooks.slack.com/…', format: 'slack', recipients: null })).toBe(
      'Slack webhook https://hooks.slack.com/…',
    )
  })

  it('shows each alert a dry run would send, and the sample only when none would be', () => {
    const due = previewSections(dryRun({ wouldSend: [would('threshold', 50), would('forecast', 100)], sample: null }))
    expect(due.map((s) => [s.title, s.sample])).toEqual([
      ['Would send the 50% threshold alert', false],
      ['Would send the forecast alert (on course to cross the limit)', false],
    ])
    const none = previewSections(dryRun({ sample: would('threshold', 50) }))
    expect(none).toEqual([
      { title: 'Nothing is due now. Sample: the 50% threshold alert as it would look', sample: true, previews: [preview] },
    ])
    expect(
      alreadyRaisedText(
        dryRun({
          alreadyRaised: [
            { alertId: 'a', kind: 'threshold', threshold: 50 },
            { alertId: 'b', kind: 'forecast', threshold: 100 },
          ],
        }),
      ),
    ).toBe('Already raised this period (never sent again): 50%, forecast')
    expect(alreadyRaisedText(dryRun({}))).toBeNull()
    expect(headerLines(preview)).toEqual(['Content-Type: application/json', 'X-Tokenmeter-Delivery: dlv_x'])
  })

  it('says what evaluating and test sending did', () => {
    expect(evaluateText({ raised: 0, status: {} as DryRun['status'] })).toBe('Evaluated now: nothing new to raise.')
    expect(evaluateText({ raised: 2, status: {} as DryRun['status'] })).toMatch(/^Evaluated now: raised 2 alerts;/)
    const base = { channelId: 'ch_1', deliveryId: 'dlv_1', response: null }
    expect(testSendText({ ...base, format: 'email', delivered: true, statusCode: 250, error: null })).toBe(
      'Test delivered (SMTP 250), delivery dlv_1.',
    )
    expect(testSendText({ ...base, format: 'json', delivered: false, statusCode: 500, error: 'HTTP 500' })).toBe(
      'Test not delivered (HTTP 500): HTTP 500.',
    )
    expect(testSendText({ ...base, format: 'json', delivered: false, statusCode: null, error: 'connection failed' })).toBe(
      'Test not delivered: connection failed.',
    )
  })
})
