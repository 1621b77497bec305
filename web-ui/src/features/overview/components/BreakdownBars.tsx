import { useMemo, useState } from 'react'
import { Chart } from '@/components/chart/Chart'
import { barChartOption, type ValueFormat } from '@/components/chart/options'
import { useChartTheme } from '@/components/chart/use-chart-theme'
import { Panel } from '@/components/Panel'
import { formatCompact, formatPercent, formatUsd } from '@/lib/format'
import { useDashboardQuery } from '@/lib/use-dashboard-query'
import type { Breakdown, BreakdownSort, Dimension } from '@/types/api'
import { useBreakdown } from '../api/get-breakdown'
import { useSummary } from '../api/get-summary'
import { NONE_LABEL, type BarData } from '../prepare/breakdown'

interface BreakdownBarsProps {
  title: string
  by: Extract<Dimension, 'project' | 'model' | 'endpoint' | 'serviceTier'>
  sort: BreakdownSort
  noun: string
  format: ValueFormat
  prepare: (breakdown: Breakdown, noun: string, distinct: number | null) => BarData
  testId: string
}

/** The summary's distinct count of the dimension; the service tiers are a fixed set of four, not counted there. */
const DISTINCT = { project: 'projects', model: 'models', endpoint: 'endpoints', serviceTier: null } as const

/** One breakdown as horizontal bars, or as a table (the keyboard's way to drill down). */
export function BreakdownBars({ title, by, sort, noun, format, prepare, testId }: BreakdownBarsProps) {
  const { query, addFilter } = useDashboardQuery()
  const [view, setView] = useState<'chart' | 'table'>('chart')
  const breakdown = useBreakdown(query, { by, sort, limit: 10 })
  const summary = useSummary(query)
  const distinctKey = DISTINCT[by]
  const distinct = summary.data && distinctKey ? summary.data.distinct[distinctKey] : null
  const theme = useChartTheme()
  const data = useMemo(() => breakdown.data && prepare(breakdown.data, noun, distinct), [breakdown.data, prepare, noun, distinct])
  const option = useMemo(
    () => data && barChartOption({ categories: data.categories, series: data.series, rate: data.rate, format, theme }),
    [data, format, theme],
  )
  const height = Math.max(160, (data?.categories.length ?? 0) * 30 + 56)
  return (
    <Panel
      title={title}
      status={breakdown}
      empty={data?.empty}
      testId={testId}
      footer={data?.note ? <p className="note">{data.note}</p> : undefined}
      actions={
        <div className="segmented" role="group" aria-label={`${title} view`}>
          <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
            Chart
          </button>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
            Table
          </button>
        </div>
      }
    >
      {() =>
        breakdown.data &&
        option &&
        (view === 'chart' ? (
          <Chart option={option} height={height} label={`${title} chart`} onSelect={(key) => addFilter(by, key)} />
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{title.replace(/^.* by /, '').replace(/^./, (c) => c.toUpperCase())}</th>
                  <th scope="col" className="num">Requests</th>
                  <th scope="col" className="num">Error rate</th>
                  <th scope="col" className="num">Tokens</th>
                  <th scope="col" className="num">Cost</th>
                </tr>
              </thead>
              <tbody>
                {[...breakdown.data.rows, ...(breakdown.data.other ? [breakdown.data.other] : [])].map((row, i) => {
                  const other = i >= breakdown.data.rows.length
                  return (
                    <tr key={other ? '__other' : (row.key ?? '__none')}>
                      <td>
                        {!other && row.key !== null ? (
                          <button type="button" className="link-button" onClick={() => addFilter(by, row.key!)}>
                            {row.key}
                          </button>
                        ) : other ? (
                          'Other'
                        ) : (
                          NONE_LABEL
                        )}
                      </td>
                      <td className="num">{formatCompact(row.requests)}</td>
                      <td className="num">{formatPercent(row.errorRate)}</td>
                      <td className="num">{formatCompact(row.totalTokens)}</td>
                      <td className="num">{formatUsd(row.costUsd)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        ))
      }
    </Panel>
  )
}
