/**
 * What the budget's dry run, evaluate and test-send answers become on screen: pure, so the
 * labels are unit-tested and the components only draw them.
 */
import type { BudgetChannel, ChannelPreview, DryRun, EvaluateResult, TestSend } from '@/types/models'

/** A channel as a person recognises it: its recipients, or its format and URL. */
export function channelLabel(channel: Pick<BudgetChannel, 'type' | 'url' | 'format' | 'recipients'>): string {
  if (channel.type === 'email') {
    return `Email to ${(channel.recipients ?? []).join(', ')}`
  }
  return `${channel.format === 'slack' ? 'Slack' : 'JSON'} webhook ${channel.url ?? ''}`.trim()
}

export interface PreviewSection {
  /** "Would send: 80% threshold", or the sample's title when nothing is due. */
  title: string
  /** True for the sample: nothing is due now, this is how the lowest threshold's alert would look. */
  sample: boolean
  previews: ChannelPreview[]
}

function alertTitle(kind: string, threshold: number): string {
  return kind === 'forecast' ? 'the forecast alert (on course to cross the limit)' : `the ${threshold}% threshold alert`
}

/** The dry run as sections: each alert that would be sent now, or the sample when none would be. */
export function previewSections(dryRun: DryRun): PreviewSection[] {
  if (dryRun.wouldSend.length > 0) {
    return dryRun.wouldSend.map((w) => ({ title: `Would send ${alertTitle(w.kind, w.threshold)}`, sample: false, previews: w.requests }))
  }
  if (dryRun.sample) {
    return [
      {
        title: `Nothing is due now. Sample: ${alertTitle(dryRun.sample.kind, dryRun.sample.threshold)} as it would look`,
        sample: true,
        previews: dryRun.sample.requests,
      },
    ]
  }
  return []
}

/** "Already raised this period (not sent again): 50%, forecast" or null. */
export function alreadyRaisedText(dryRun: DryRun): string | null {
  if (dryRun.alreadyRaised.length === 0) return null
  const names = dryRun.alreadyRaised.map((a) => (a.kind === 'forecast' ? 'forecast' : `${a.threshold}%`))
  return `Already raised this period (never sent again): ${names.join(', ')}`
}

/** One line per preview header, in the order the service gave. */
export function headerLines(preview: ChannelPreview): string[] {
  return Object.entries(preview.headers).map(([name, value]) => `${name}: ${value}`)
}

export function evaluateText(result: EvaluateResult): string {
  if (result.raised === 0) return 'Evaluated now: nothing new to raise.'
  return `Evaluated now: raised ${result.raised} alert${result.raised === 1 ? '' : 's'}; their deliveries are on the Alerts page.`
}

/** What the receiver of a test message said. */
export function testSendText(result: TestSend): string {
  const code = result.statusCode === null ? '' : ` (${result.format === 'email' ? 'SMTP' : 'HTTP'} ${result.statusCode})`
  if (result.delivered) return `Test delivered${code}, delivery ${result.deliveryId}.`
  return `Test not delivered${code}: ${result.error ?? 'the receiver refused it'}.`
}
