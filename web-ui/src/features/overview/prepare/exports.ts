/** What a panel shows, as CSV rows: the breakdown's rows (plus Other and Total) and the timeline's buckets. */
import { toCsv } from '@/lib/csv'
import type { Breakdown, BreakdownRow, Timeline } from '@/types/models'
import { NONE_LABEL } from './breakdown'

const BREAKDOWN_HEADER = [
  'key',
  'requests',
  'successes',
  'errors',
  'errorRate',
  'inputTokens',
  'outputTokens',
  'totalTokens',
  'costUsd',
  'share',
  'avgLatencyMs',
  'lastSeen',
]

function breakdownRow(label: string, row: BreakdownRow) {
  return [
    label,
    row.requests,
    row.successes,
    row.errors,
    row.errorRate,
    row.inputTokens,
    row.outputTokens,
    row.totalTokens,
    row.costUsd,
    row.share,
    row.avgLatencyMs,
    row.lastSeen,
  ]
}

/** The rows in the order shown, then Other and Total; a row without the dimension is "(none)". */
export function breakdownCsv(breakdown: Breakdown, rows: BreakdownRow[] = breakdown.rows): string {
  return toCsv(BREAKDOWN_HEADER, [
    ...rows.map((row) => breakdownRow(row.key ?? NONE_LABEL, row)),
    ...(breakdown.other ? [breakdownRow('Other', breakdown.other)] : []),
    breakdownRow('Total', breakdown.total),
  ])
}

const TIMELINE_HEADER = [
  'start',
  'end',
  'requests',
  'successes',
  'errors',
  'timeouts',
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'reasoningTokens',
  'totalTokens',
  'costUsd',
  'avgLatencyMs',
  'p95LatencyMs',
]

/** One row per bucket, times as the API gives them (with the zone's offset). */
export function timelineCsv(timeline: Timeline): string {
  return toCsv(
    TIMELINE_HEADER,
    timeline.buckets.map((b) => [
      b.start,
      b.end,
      b.requests,
      b.successes,
      b.errors,
      b.timeouts,
      b.inputTokens,
      b.cachedInputTokens,
      b.outputTokens,
      b.reasoningTokens,
      b.totalTokens,
      b.costUsd,
      b.avgLatencyMs,
      b.p95LatencyMs,
    ]),
  )
}
