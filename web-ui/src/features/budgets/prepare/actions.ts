/**
 * What the budget's dry run, evaluate and test-send answers become on screen: pure, so the
 * labels are unit-tested and the components only draw them.
 */
import { evaluatedText } from '@/lib/previews'
import type { ChannelPreview, DryRun, EvaluateResult } from '@/types/models'

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

export function evaluateText(result: EvaluateResult): string {
  return evaluatedText(result.raised, 'alert')
}
