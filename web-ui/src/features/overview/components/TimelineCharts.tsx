import { useMemo } from 'react'
import '../overview.css'
import { useAllValues, useValues } from '@/api/get-values'
import { CsvButton } from '@/components/CsvButton'
import { Options } from '@/components/Options'
import { KNOWN_PROVIDERS } from '@/lib/colors'
import { BUCKET_CHOICES, bucketFor, type BucketChoice, type DashboardQuery } from '@/lib/url-state'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import type { Dimension, PreviousPeriod, Timeline } from '@/types/models'
import { useTimeline } from '../api/get-timeline'
import { COMPARED } from '../first-screen'
import { timelineCsv } from '../prepare/exports'
import { prepareCost, prepareLatency, prepareRequests, prepareTokens, withPrevious } from '../prepare/timeline'
import { TimeChartPanel } from './TimeChartPanel'

const GROUPINGS: { value: Dimension; noun: string; label: string }[] = [
  { value: 'model', noun: 'models', label: 'by model' },
  { value: 'provider', noun: 'providers', label: 'by provider' },
]

const BUCKET_NAMES = { minute: 'per minute', hour: 'per hour', day: 'per day', week: 'per week', month: 'per month' } as const

const BUCKET_LABELS: Record<BucketChoice, string> = { hour: 'Hour', day: 'Day', week: 'Week', month: 'Month' }

/** The timeline's granularity (automatic from the range, or a chosen bucket) and its CSV. */
function TimelineControls({ query, timeline }: { query: DashboardQuery; timeline: Timeline | undefined }) {
  const { setQuery } = useDashboardQuery()
  return (
    <div className="timeline-controls" data-testid="timeline-controls">
      <div className="segmented" role="group" aria-label="Timeline granularity">
        <button type="button" aria-pressed={!query.bucket} onClick={() => setQuery({ ...query, bucket: undefined })}>
          Auto
        </button>
        {BUCKET_CHOICES.map((bucket) => (
          <button key={bucket} type="button" aria-pressed={query.bucket === bucket} onClick={() => setQuery({ ...query, bucket })}>
            {BUCKET_LABELS[bucket]}
          </button>
        ))}
      </div>
      <span className="muted timeline-legend">Dashed: the previous period of equal length</span>
      <CsvButton
        label="Download timeline as CSV"
        filename={`timeline-${timeline?.bucket ?? 'day'}.csv`}
        disabled={!timeline}
        csv={() => (timeline ? timelineCsv(timeline) : '')}
      />
    </div>
  )
}

function CostChart({ query, previous }: { query: DashboardQuery; previous: PreviousPeriod | null | undefined }) {
  const [params, setParams] = usePageParams()
  const grouping = GROUPINGS.find((g) => g.value === params.get('costBy'))
  const plain = useTimeline(query, COMPARED)
  const grouped = useTimeline(query, { groupBy: grouping?.value, top: 5 }, grouping !== undefined)
  // Models get their colours from the tenant's every model; providers from the fixed list.
  const knownModels = useAllValues('model', grouping?.value === 'model')
  const distinct = useValues(grouping?.value ?? 'provider', query, grouping !== undefined)
  const timeline = grouping ? grouped : plain
  const data = useMemo(
    () =>
      timeline.data &&
      withPrevious(
        prepareCost(
          timeline.data,
          grouping && {
            noun: grouping.noun,
            known: grouping.value === 'provider' ? KNOWN_PROVIDERS : (knownModels.data?.values ?? []),
            distinct: distinct.data ? distinct.data.values.length : null,
          },
        ),
        previous,
        'costUsd',
      ),
    [timeline.data, grouping, knownModels.data, distinct.data, previous],
  )
  return (
    <TimeChartPanel
      title="Cost over time"
      status={timeline}
      data={data}
      format="usd"
      total={grouping !== undefined}
      emptyTitle="No cost in this range"
      testId="chart-cost"
      actions={
        <label className="inline-field">
          <span className="visually-hidden">Group cost</span>
          <select
            className="select select-small"
            value={grouping?.value ?? ''}
            onChange={(e) => setParams({ costBy: e.target.value || null })}
          >
            <option value="">Total</option>
            <Options of={GROUPINGS} value={(g) => g.value} label={(g) => g.label} />
          </select>
        </label>
      }
    />
  )
}

/**
 * Requests, tokens, cost and latency over time: one timeline request, which also brings the previous
 * period's buckets for the dashed lines, feeds all four (cost may add a grouped one).
 */
export function TimelineCharts({ query }: { query: DashboardQuery }) {
  const timeline = useTimeline(query, COMPARED)
  const previous = timeline.data?.previous
  const requests = useMemo(
    () => timeline.data && withPrevious(prepareRequests(timeline.data), previous, 'requests'),
    [timeline.data, previous],
  )
  const tokens = useMemo(
    () => timeline.data && withPrevious(prepareTokens(timeline.data), previous, 'totalTokens'),
    [timeline.data, previous],
  )
  const latency = useMemo(() => timeline.data && prepareLatency(timeline.data), [timeline.data])
  const per = BUCKET_NAMES[timeline.data?.bucket ?? bucketFor(query)]
  return (
    <>
      <TimelineControls query={query} timeline={timeline.data} />
      <TimeChartPanel title={`Requests ${per}`} status={timeline} data={requests} format="integer" total testId="chart-requests" />
      <TimeChartPanel title={`Tokens ${per}`} status={timeline} data={tokens} format="compact" total testId="chart-tokens" />
      <CostChart query={query} previous={previous} />
      <TimeChartPanel
        title="Latency"
        status={timeline}
        data={latency}
        format="latency"
        emptyTitle="No latency reported in this range"
        testId="chart-latency"
      />
    </>
  )
}
