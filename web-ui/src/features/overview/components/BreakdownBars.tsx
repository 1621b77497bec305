import { useMemo, useState } from 'react'
import { Chart } from '@/components/chart/Chart'
import { barChartOption, type ValueFormat } from '@/components/chart/options'
import { useChartTheme } from '@/components/chart/use-chart-theme'
import { Panel } from '@/components/Panel'
import { CsvButton } from '@/components/CsvButton'
import { useDashboardQuery } from '@/lib/use-dashboard-query'
import type { Breakdown, BreakdownSort, Dimension } from '@/types/models'
import { useBreakdown } from '../api/get-breakdown'
import { useSummary } from '../api/get-summary'
import { BAR_LIMIT } from '../first-screen'
import { type BarData } from '../prepare/breakdown'
import { apiSort, nextSort, orderRows, type Column, type TableSort } from '../prepare/breakdown-table'
import { breakdownCsv } from '../prepare/exports'
import { BreakdownTable } from './BreakdownTable'

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

const SORT_COLUMN: Record<BreakdownSort, Column> = {
  cost: 'costUsd',
  requests: 'requests',
  tokens: 'totalTokens',
  errorRate: 'errorRate',
  latency: 'avgLatencyMs',
  lastSeen: 'lastSeen',
}

/** One breakdown as horizontal bars, or as a table (the keyboard's way to drill down). */
export function BreakdownBars({ title, by, sort, noun, format, prepare, testId }: BreakdownBarsProps) {
  const { query, addFilter } = useDashboardQuery()
  const [view, setView] = useState<'chart' | 'table'>('chart')
  const [tableSort, setTableSort] = useState<TableSort>({ column: SORT_COLUMN[sort], direction: 'desc' })
  const breakdown = useBreakdown(query, { by, sort: view === 'table' ? apiSort(tableSort, sort) : sort, limit: BAR_LIMIT })
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
        <div className="panel-actions">
          <CsvButton
            label={`Download ${title} as CSV`}
            filename={`${by}-breakdown.csv`}
            disabled={!breakdown.data}
            csv={() => (breakdown.data ? breakdownCsv(breakdown.data, orderRows(breakdown.data.rows, tableSort)) : '')}
          />
          <div className="segmented" role="group" aria-label={`${title} view`}>
            <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
              Chart
            </button>
            <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
              Table
            </button>
          </div>
        </div>
      }
    >
      {() =>
        breakdown.data &&
        option &&
        (view === 'chart' ? (
          <Chart option={option} height={height} label={`${title} chart`} onSelect={(key) => addFilter(by, key)} />
        ) : (
          <BreakdownTable
            breakdown={breakdown.data}
            keyLabel={title.replace(/^.* by /, '').replace(/^./, (c) => c.toUpperCase())}
            sort={tableSort}
            onSort={(column) => setTableSort(nextSort(tableSort, column))}
            onSelect={(key) => addFilter(by, key)}
            testId={`${testId}-table`}
          />
        ))
      }
    </Panel>
  )
}
