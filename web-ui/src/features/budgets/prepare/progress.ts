/**
 * A budget's standing drawn as a bar: spent against the limit on a scale wide enough for every
 * threshold (a 120% threshold is still a mark on the bar) and for spend past the limit.
 */
import { formatCompact, formatInteger, formatPercent, formatUsd, formatUsdPrecise } from '@/lib/format'
import type { BudgetStatus } from '@/types/models'

export interface ThresholdMark {
  threshold: number
  /** Where the mark sits, 0 to 100 percent of the bar. */
  position: number
  crossed: boolean
}

export type Tone = 'ok' | 'warn' | 'over'

export interface BudgetProgress {
  /** The bar's full width, as a share of the limit (1 or more). */
  scale: number
  /** Width of the spent part, 0 to 100 percent of the bar. */
  fill: number
  /** Where the limit sits on the bar, percent. */
  limitAt: number
  /** Where the projected end-of-period spend sits, percent (capped at the bar's end). */
  projectedAt: number
  marks: ThresholdMark[]
  /** "ok" below every threshold, "warn" once one is crossed, "over" at or past the limit. */
  tone: Tone
  spentLabel: string
  limitLabel: string
  shareLabel: string
  projectedLabel: string
}

export function formatAmount(value: number, unit: BudgetStatus['unit']): string {
  return unit === 'usd' ? formatUsd(value) : `${formatCompact(value)} tokens`
}

/** The exact figure for a title attribute: all cents and tokens. */
export function formatAmountExact(value: number, unit: BudgetStatus['unit']): string {
  return unit === 'usd' ? formatUsdPrecise(value) : `${formatInteger(value)} tokens`
}

const clamp = (value: number) => Math.min(100, Math.max(0, value))

export function budgetProgress(status: BudgetStatus): BudgetProgress {
  const highest = Math.max(100, ...status.thresholds) / 100
  // A little room past the limit so an overrun shows as such, but never narrower than the highest threshold.
  const scale = Math.max(1, highest, Math.min(status.share, 2))
  const at = (share: number) => clamp((share / scale) * 100)
  const crossed = new Set(status.thresholdsCrossed)
  return {
    scale,
    fill: at(status.share),
    limitAt: at(1),
    projectedAt: at(status.projection.share),
    marks: status.thresholds.map((threshold) => ({ threshold, position: at(threshold / 100), crossed: crossed.has(threshold) })),
    tone: status.limitReached ? 'over' : status.thresholdsCrossed.length > 0 ? 'warn' : 'ok',
    spentLabel: formatAmount(status.spent, status.unit),
    limitLabel: formatAmount(status.limit, status.unit),
    shareLabel: formatPercent(status.share),
    projectedLabel: formatAmount(status.projection.endOfPeriod, status.unit),
  }
}
