import { useMemo } from 'react'
import { useAllValues, useValues } from '@/api/get-values'
import { KNOWN_PROVIDERS } from '@/lib/colors'
import { usePageParams } from '@/lib/use-dashboard-query'
import { bucketFor, type DashboardQuery } from '@/lib/url-state'
import type { Dimension } from '@/types/api'
import { useTimeline } from '../api/get-timeline'
import { prepareCost, prepareLatency, prepareRequests, prepareTokens } from '../prepare/timeline'
import { TimeChartPanel } from './TimeChartPanel'

const GROUPINGS: { value: Dimension; noun: string; label: string }[] = [
  { value: 'model', noun: 'models', label: 'by model' },
  { value: 'provider', noun: 'providers', label: 'by provider' },
]

const BUCKET_NAMES = { minute: 'per minute', hour: 'per hour', day: 'per day', week: 'per week', month: 'per month' } as const

function CostChart({ query }: { query: DashboardQuery }) {
  const [params, setParams] = usePageParams()
  const grouping = GROUPINGS.find((g) => g.value === params.get('costBy'))
  const plain = useTimeline(query)
  const grouped = useTimeline(query, { groupBy: grouping?.value, top: 5 }, grouping !== undefined)
  // Models get their colours from the tenant's every model; providers from the fixed list.
  const knownModels = useAllValues('model', grouping?.value === 'model')
  const distinct = useValues(grouping?.value ?? 'provider', query, grouping !== undefined)
  const timeline = grouping ? grouped : plain
  const data = useMemo(
    () =>
      timeline.data &&
      prepareCost(
        timeline.data,
        grouping && {
          noun: grouping.noun,
          known: grouping.value === 'provider' ? KNOWN_PROVIDERS : (knownModels.data?.values ?? []),
          distinct: distinct.data ? distinct.data.values.length : null,
        },
      ),
    [timeline.data, grouping, knownModels.data, distinct.data],
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
          <select className="select select-small" value={grouping?.value ?? ''} onChange={(e) => setParams({ costBy: e.target.value || null })}>
            <option value="">Total</option>
            {GROUPINGS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
      }
    />
  )
}

/** Requests, tokens, cost and latency over time: one timeline request feeds all four (cost may add a grouped one). */
export function TimelineCharts({ query }: { query: DashboardQuery }) {
  const timeline = useTimeline(query)
  const requests = useMemo(() => timeline.data && prepareRequests(timeline.data), [timeline.data])
  const tokens = useMemo(() => timeline.data && prepareTokens(timeline.data), [timeline.data])
  const latency = useMemo(() => timeline.data && prepareLatency(timeline.data), [timeline.data])
  const per = BUCKET_NAMES[timeline.data?.bucket ?? bucketFor(query)]
  return (
    <>
      <TimeChartPanel title={`Requests ${per}`} status={timeline} data={requests} format="integer" total testId="chart-requests" />
      <TimeChartPanel title={`Tokens ${per}`} status={timeline} data={tokens} format="compact" total testId="chart-tokens" />
      <CostChart query={query} />
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
