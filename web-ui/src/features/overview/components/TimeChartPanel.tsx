import { useMemo, type ReactNode } from 'react'
import { Chart } from '@/components/chart/Chart'
import { timeChartOption, type ValueFormat } from '@/components/chart/options'
import { useChartTheme } from '@/components/chart/use-chart-theme'
import { Panel, type PanelStatus } from '@/components/Panel'
import type { TimeChartData } from '../prepare/timeline'

interface TimeChartPanelProps {
  title: string
  status: PanelStatus
  data: TimeChartData | undefined
  format: ValueFormat
  total?: boolean
  emptyTitle?: string
  actions?: ReactNode
  testId: string
}

/** A panel drawing one prepared time chart. */
export function TimeChartPanel({ title, status, data, format, total, emptyTitle, actions, testId }: TimeChartPanelProps) {
  const theme = useChartTheme()
  const option = useMemo(
    () => (data ? timeChartOption({ labels: data.labels, series: data.series, format, theme, total }) : null),
    [data, format, theme, total],
  )
  return (
    <Panel
      title={title}
      status={status}
      empty={data?.empty ?? false}
      emptyTitle={emptyTitle}
      actions={actions}
      testId={testId}
      footer={data?.note ? <p className="note">{data.note}</p> : undefined}
    >
      {() => option && <Chart option={option} height={240} label={`${title} chart`} />}
    </Panel>
  )
}
