/**
 * Timeline JSON → chart series. Counts and sums come zero-filled from the API; averages and
 * percentiles stay null where a bucket had no requests, so the chart shows a gap, not a zero.
 */
import type { TimeSeries } from '@/components/chart/options'
import { colorForKey, METRIC_COLORS } from '@/lib/colors'
import { formatBucket } from '@/lib/format'
import type { PreviousPeriod, Timeline, TimelinePoint } from '@/types/models'

export interface TimeChartData {
  labels: string[]
  series: TimeSeries[]
  /** Nothing to draw: no requests (or, for latency, no measured latency) in any bucket. */
  empty: boolean
  /** An honest account of what is left out, e.g. "Top 5 of 12 models; the rest as Other". */
  note?: string
}

function labels(timeline: Timeline): string[] {
  return timeline.buckets.map((b) => formatBucket(b.start, timeline.bucket, timeline.tz))
}

function pick(points: TimelinePoint[], field: keyof TimelinePoint): (number | null)[] {
  return points.map((p) => p[field] as number | null)
}

function hasRequests(timeline: Timeline): boolean {
  return timeline.buckets.some((b) => b.requests > 0)
}

/** One stacked chart: a series per `[name, colour, field]`, each bucket's value of that field. */
function stacked(
  timeline: Timeline,
  kind: TimeSeries['kind'],
  stack: string,
  parts: [name: string, color: string, field: keyof TimelinePoint][],
  empty: boolean,
): TimeChartData {
  const series = parts.map(([name, color, field]) => ({ name, color, data: pick(timeline.buckets, field), kind, stack }))
  return { labels: labels(timeline), series, empty }
}

export function prepareRequests(timeline: Timeline): TimeChartData {
  const parts: [string, string, keyof TimelinePoint][] = [
    ['Success', METRIC_COLORS.success, 'successes'],
    ['Error', METRIC_COLORS.error, 'errors'],
    ['Timeout', METRIC_COLORS.timeout, 'timeouts'],
  ]
  return stacked(timeline, 'bar', 'requests', parts, !hasRequests(timeline))
}

export function prepareTokens(timeline: Timeline): TimeChartData {
  const parts: [string, string, keyof TimelinePoint][] = [
    ['Input', METRIC_COLORS.input, 'inputTokens'],
    ['Output', METRIC_COLORS.output, 'outputTokens'],
  ]
  return stacked(timeline, 'area', 'tokens', parts, !timeline.buckets.some((p) => p.totalTokens > 0))
}

export function prepareLatency(timeline: Timeline): TimeChartData {
  const b = timeline.buckets
  return {
    labels: labels(timeline),
    series: [
      { name: 'Average', color: METRIC_COLORS.avgLatency, data: pick(b, 'avgLatencyMs'), kind: 'line' },
      { name: 'p95', color: METRIC_COLORS.p95Latency, data: pick(b, 'p95LatencyMs'), kind: 'line' },
    ],
    empty: !b.some((p) => p.avgLatencyMs !== null || p.p95LatencyMs !== null),
  }
}

export interface CostGrouping {
  /** Plural noun of the grouped dimension, for the note ("models"). */
  noun: string
  /** Every value of the dimension, so each keeps its colour everywhere. */
  known: readonly string[]
  /** How many distinct values the range has, when known. */
  distinct: number | null
}

/** Cost per bucket; with a grouped timeline, one stacked series per top key plus "Other". */
export function prepareCost(timeline: Timeline, grouping?: CostGrouping): TimeChartData {
  const empty = !timeline.buckets.some((p) => p.costUsd > 0)
  if (!timeline.series || !grouping) {
    return {
      labels: labels(timeline),
      series: [{ name: 'Cost', color: METRIC_COLORS.cost, data: pick(timeline.buckets, 'costUsd'), kind: 'bar' }],
      empty,
    }
  }
  const series: TimeSeries[] = timeline.series.map((s) => ({
    name: s.other ? 'Other' : (s.key ?? '(none)'),
    color: s.other ? METRIC_COLORS.other : colorForKey(s.key, grouping.known),
    data: pick(s.points, 'costUsd'),
    kind: 'bar',
    stack: 'cost',
  }))
  const shown = timeline.series.filter((s) => !s.other).length
  const hasOther = timeline.series.some((s) => s.other)
  let note: string | undefined
  if (hasOther) {
    note =
      grouping.distinct !== null && grouping.distinct > shown
        ? `Top ${shown} of ${grouping.distinct} ${grouping.noun} by cost; the rest as Other`
        : `Top ${shown} ${grouping.noun} by cost; the rest as Other`
  }
  return { labels: labels(timeline), series, empty, note }
}

/**
 * The previous period of equal length (bucket by bucket, aligned by position) as one dashed line of
 * the total: requests, tokens or cost. Buckets past the previous period's end are gaps.
 */
export function withPrevious(
  data: TimeChartData,
  previous: PreviousPeriod | null | undefined,
  field: 'requests' | 'totalTokens' | 'costUsd',
): TimeChartData {
  if (!previous) {
    return data
  }
  const values = data.labels.map((_, i) => {
    const point = previous.buckets[i]
    return point ? point[field] : null
  })
  const line: TimeSeries = { name: 'Previous period', color: METRIC_COLORS.previous, data: values, kind: 'line', dashed: true }
  return { ...data, series: [...data.series, line] }
}
