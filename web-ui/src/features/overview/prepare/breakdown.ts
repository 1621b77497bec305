/** Breakdown JSON → donut slices, bars and table rows; a click on any of them filters by its key. */
import type { BarCategory, BarSeries, DonutItem } from '@/components/chart/options'
import { colorForKey, METRIC_COLORS } from '@/lib/colors'
import { formatCompact, formatPercent, formatUsd } from '@/lib/format'
import type { Breakdown, BreakdownRow } from '@/types/models'

export const NONE_LABEL = '(none)'

export interface PreparedBreakdown {
  empty: boolean
  /** "Top 10 of 24 projects; the rest as Other", when rows were left out. */
  note?: string
}

function note(breakdown: Breakdown, noun: string, distinct: number | null): string | undefined {
  if (!breakdown.other) {
    return undefined
  }
  const shown = breakdown.rows.length
  return distinct !== null && distinct > shown
    ? `Top ${shown} of ${distinct} ${noun}; the rest as Other`
    : `Top ${shown} ${noun}; the rest as Other`
}

function label(row: BreakdownRow): string {
  return row.key ?? NONE_LABEL
}

export interface DonutData extends PreparedBreakdown {
  items: DonutItem[]
  /** The same slices as rows, for the legend and the keyboard. */
  legend: { key: string | null; label: string; color: string; share: string; tokens: string; cost: string; selectable: boolean }[]
}

/** Cost by key as a donut, with share and tokens for each slice. */
export function prepareDonut(breakdown: Breakdown, known: readonly string[], noun: string, distinct: number | null = null): DonutData {
  const rows = [
    ...breakdown.rows.map((row) => ({ row, other: false })),
    ...(breakdown.other ? [{ row: breakdown.other, other: true }] : []),
  ]
  const legend = rows.map(({ row, other }) => ({
    key: other ? null : row.key,
    label: other ? 'Other' : label(row),
    color: other ? METRIC_COLORS.other : colorForKey(row.key, known),
    share: formatPercent(row.share),
    tokens: formatCompact(row.totalTokens),
    cost: formatUsd(row.costUsd),
    selectable: !other && row.key !== null,
  }))
  const items: DonutItem[] = rows.map(({ row }, i) => {
    const entry = legend[i]!
    return {
      key: entry.key,
      label: entry.label,
      value: row.costUsd,
      color: entry.color,
      selectable: entry.selectable,
      detail: `${entry.share} of cost · ${entry.tokens} tokens`,
    }
  })
  return { items, legend, empty: breakdown.total.costUsd <= 0, note: note(breakdown, noun, distinct) }
}

export interface BarData extends PreparedBreakdown {
  categories: BarCategory[]
  series: BarSeries[]
  rate?: { name: string; color: string; data: number[]; format: 'percent' }
}

function categories(breakdown: Breakdown): BarCategory[] {
  return [
    ...breakdown.rows.map((row) => ({ key: row.key, label: label(row), selectable: row.key !== null })),
    ...(breakdown.other ? [{ key: null, label: 'Other', selectable: false }] : []),
  ]
}

function allRows(breakdown: Breakdown): BreakdownRow[] {
  return breakdown.other ? [...breakdown.rows, breakdown.other] : breakdown.rows
}

/** Bars for every key, Other last, with the note when keys were left out; `chart` gives the series and when it is empty. */
function bars(breakdown: Breakdown, noun: string, distinct: number | null, chart: Pick<BarData, 'series' | 'rate' | 'empty'>): BarData {
  return { categories: categories(breakdown), ...chart, note: note(breakdown, noun, distinct) }
}

/** Cost per key, one bar each. */
export function prepareCostBars(breakdown: Breakdown, noun: string, distinct: number | null = null): BarData {
  return bars(breakdown, noun, distinct, {
    series: [{ name: 'Cost', color: METRIC_COLORS.cost, data: allRows(breakdown).map((r) => r.costUsd) }],
    empty: breakdown.total.requests === 0,
  })
}

/** Input and output tokens per key, stacked. */
export function prepareTokenBars(breakdown: Breakdown, noun: string, distinct: number | null = null): BarData {
  const rows = allRows(breakdown)
  return bars(breakdown, noun, distinct, {
    series: [
      { name: 'Input', color: METRIC_COLORS.input, data: rows.map((r) => r.inputTokens), stack: 'tokens' },
      { name: 'Output', color: METRIC_COLORS.output, data: rows.map((r) => r.outputTokens), stack: 'tokens' },
    ],
    empty: breakdown.total.totalTokens === 0,
  })
}

/** Requests per key, with each key's error rate on its own axis. */
export function prepareRequestBars(breakdown: Breakdown, noun: string, distinct: number | null = null): BarData {
  const rows = allRows(breakdown)
  return bars(breakdown, noun, distinct, {
    series: [{ name: 'Requests', color: METRIC_COLORS.requests, data: rows.map((r) => r.requests) }],
    rate: { name: 'Error rate', color: METRIC_COLORS.errorRate, data: rows.map((r) => r.errorRate), format: 'percent' },
    empty: breakdown.total.requests === 0,
  })
}

export interface KeyRow {
  key: string | null
  label: string
  selectable: boolean
  requests: number
  successRate: number | null
  totalTokens: number
  costUsd: number
  lastSeen: string | null
}

/** The API-key table: success rate from successes over requests. */
export function prepareKeyRows(breakdown: Breakdown): KeyRow[] {
  return breakdown.rows.map((row) => ({
    key: row.key,
    label: label(row),
    selectable: row.key !== null,
    requests: row.requests,
    successRate: row.requests > 0 ? row.successes / row.requests : null,
    totalTokens: row.totalTokens,
    costUsd: row.costUsd,
    lastSeen: row.lastSeen,
  }))
}
