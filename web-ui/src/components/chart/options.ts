/**
 * Turns prepared series into ECharts options. Pure and free of ECharts' runtime (types only), so
 * the options are built in the initial bundle and tested without drawing.
 */
import type { EChartsOption } from 'echarts'
import { DASH, formatCompact, formatInteger, formatLatency, formatPercent, formatUsd, formatUsdAxis } from '@/lib/format'
import type { Theme } from '@/lib/theme'

export type ChartOption = EChartsOption

export type ValueFormat = 'integer' | 'compact' | 'usd' | 'latency' | 'percent'

export interface ChartTheme {
  text: string
  muted: string
  grid: string
  tooltipBackground: string
  border: string
  surface: string
}

export const CHART_THEMES: Record<Theme, ChartTheme> = {
  light: { text: '#1f2933', muted: '#5f6b7a', grid: '#e6e9ee', tooltipBackground: '#ffffff', border: '#d3d8df', surface: '#ffffff' },
  dark: { text: '#e6e9ee', muted: '#a3adba', grid: '#2c3440', tooltipBackground: '#1c222b', border: '#3b4552', surface: '#161b22' },
}

export function formatValue(format: ValueFormat, value: number | null | undefined, axis = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return DASH
  }
  switch (format) {
    case 'integer':
      return axis ? formatCompact(value) : formatInteger(value)
    case 'compact':
      return axis ? formatCompact(value) : formatInteger(value)
    case 'usd':
      return axis ? formatUsdAxis(value) : formatUsd(value)
    case 'latency':
      return formatLatency(value)
    case 'percent':
      return formatPercent(value)
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

function marker(color: string): string {
  return `<span style="display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:${color}"></span>`
}

function tooltipBase(theme: ChartTheme) {
  return {
    backgroundColor: theme.tooltipBackground,
    borderColor: theme.border,
    textStyle: { color: theme.text, fontSize: 12 },
    confine: true,
  }
}

export interface TimeSeries {
  name: string
  color: string
  /** One value per label; null is a gap (no requests to average), never drawn as zero. */
  data: (number | null)[]
  kind: 'bar' | 'line' | 'area'
  stack?: string
  /** A dashed line (the previous period beside the current one). */
  dashed?: boolean
}

export interface TimeChartInput {
  labels: string[]
  series: TimeSeries[]
  format: ValueFormat
  theme: ChartTheme
  /** Adds a "Total" line to the tooltip (for stacked counts). */
  total?: boolean
}

export function timeChartOption({ labels, series, format, theme, total }: TimeChartInput): ChartOption {
  const many = labels.length > 200
  const comparisons = new Set(series.filter((s) => s.dashed).map((s) => s.name))
  return {
    animation: !many,
    aria: { enabled: true },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, left: 0, textStyle: { color: theme.muted }, itemWidth: 12, itemHeight: 8, icon: 'roundRect' },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'axis',
      axisPointer: { type: series.some((s) => s.kind === 'bar') ? 'shadow' : 'line' },
      formatter: (raw: unknown) => {
        const items = (Array.isArray(raw) ? raw : [raw]) as {
          axisValueLabel?: string
          seriesName?: string
          value?: unknown
          color?: string
        }[]
        const head = escapeHtml(items[0]?.axisValueLabel ?? '')
        let sum = 0
        const lines = items.map((item) => {
          const value = typeof item.value === 'number' ? item.value : null
          // The total is the current period's: a dashed line (the previous period) is shown, not added.
          sum += comparisons.has(item.seriesName ?? '') ? 0 : (value ?? 0)
          return `${marker(String(item.color ?? ''))}${escapeHtml(item.seriesName ?? '')}: <b>${formatValue(format, value)}</b>`
        })
        if (total) {
          lines.push(`Total: <b>${formatValue(format, sum)}</b>`)
        }
        return [head, ...lines].join('<br/>')
      },
    },
    xAxis: {
      type: 'category',
      data: labels,
      boundaryGap: series.some((s) => s.kind === 'bar'),
      axisLine: { lineStyle: { color: theme.border } },
      axisTick: { show: false },
      axisLabel: { color: theme.muted, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: theme.muted, formatter: (v: number) => formatValue(format, v, true) },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    series: series.map((s) => ({
      name: s.name,
      type: s.kind === 'bar' ? 'bar' : 'line',
      stack: s.stack,
      data: s.data,
      color: s.color,
      showSymbol: false,
      connectNulls: false,
      sampling: s.kind === 'bar' ? undefined : 'lttb',
      barMaxWidth: 28,
      areaStyle: s.kind === 'area' ? { opacity: 0.25 } : undefined,
      lineStyle: s.kind === 'bar' ? undefined : { width: 2, type: s.dashed ? 'dashed' : 'solid' },
      emphasis: { focus: 'series' },
    })),
  } as ChartOption
}

export interface DonutItem {
  key: string | null
  label: string
  value: number
  color: string
  /** Whether a click filters by this item (not for "Other" or a missing value). */
  selectable: boolean
  detail: string
}

export function donutOption(items: DonutItem[], format: ValueFormat, theme: ChartTheme): ChartOption {
  return {
    aria: { enabled: true },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'item',
      formatter: (raw: unknown) => {
        const item = raw as { data: { name: string; value: number; detail: string }; color: string; percent: number }
        return `${marker(item.color)}<b>${escapeHtml(item.data.name)}</b><br/>${formatValue(format, item.data.value)} · ${escapeHtml(item.data.detail)}`
      },
    },
    series: [
      {
        type: 'pie',
        radius: ['52%', '82%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: theme.surface, borderWidth: 2 },
        data: items.map((item) => ({
          name: item.label,
          value: item.value,
          key: item.selectable ? (item.key ?? undefined) : undefined,
          detail: item.detail,
          itemStyle: { color: item.color },
          cursor: item.selectable ? 'pointer' : 'default',
        })),
      },
    ],
  } as ChartOption
}

export interface BarCategory {
  key: string | null
  label: string
  selectable: boolean
}

export interface BarSeries {
  name: string
  color: string
  data: number[]
  stack?: string
}

export interface BarChartInput {
  categories: BarCategory[]
  series: BarSeries[]
  format: ValueFormat
  theme: ChartTheme
  /** A second measure drawn as points on its own axis (e.g. the error rate beside requests). */
  rate?: { name: string; color: string; data: number[]; format: ValueFormat }
}

/** Horizontal bars, largest on top. */
export function barChartOption({ categories, series, format, theme, rate }: BarChartInput): ChartOption {
  const reversed = [...categories].reverse()
  const reverse = <T>(values: T[]) => [...values].reverse()
  const wrap = (values: number[]) =>
    reverse(values).map((value, i) => ({ value, key: reversed[i]?.selectable ? (reversed[i]?.key ?? undefined) : undefined }))
  const xAxes: object[] = [
    {
      type: 'value',
      axisLabel: { color: theme.muted, formatter: (v: number) => formatValue(format, v, true), hideOverlap: true },
      splitLine: { lineStyle: { color: theme.grid } },
    },
  ]
  if (rate) {
    xAxes.push({
      type: 'value',
      position: 'top',
      min: 0,
      max: (extent: { max: number }) => Math.max(0.05, Math.ceil(extent.max * 20) / 20),
      axisLabel: { color: theme.muted, formatter: (v: number) => formatValue(rate.format, v, true) },
      splitLine: { show: false },
    })
  }
  return {
    aria: { enabled: true },
    grid: {
      left: 8,
      right: 24,
      top: rate || series.length > 1 ? 40 : 8,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    legend: rate || series.length > 1 ? { top: 0, left: 0, textStyle: { color: theme.muted }, itemWidth: 12, itemHeight: 8 } : undefined,
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (raw: unknown) => {
        const items = raw as { axisValueLabel: string; seriesName: string; value: number; color: string; seriesIndex: number }[]
        const lines = items.map((item) => {
          const f = rate && item.seriesName === rate.name ? rate.format : format
          return `${marker(item.color)}${escapeHtml(item.seriesName)}: <b>${formatValue(f, item.value)}</b>`
        })
        return [escapeHtml(items[0]?.axisValueLabel ?? ''), ...lines].join('<br/>')
      },
    },
    xAxis: xAxes,
    yAxis: {
      type: 'category',
      data: reversed.map((c) => c.label),
      axisLine: { lineStyle: { color: theme.border } },
      axisTick: { show: false },
      axisLabel: { color: theme.text, width: 140, overflow: 'truncate' },
    },
    series: [
      ...series.map((s) => ({
        name: s.name,
        type: 'bar' as const,
        stack: s.stack,
        data: wrap(s.data),
        color: s.color,
        barMaxWidth: 22,
        cursor: 'pointer',
      })),
      ...(rate
        ? [
            {
              name: rate.name,
              type: 'line' as const,
              xAxisIndex: 1,
              data: wrap(rate.data),
              color: rate.color,
              lineStyle: { opacity: 0 },
              symbol: 'diamond',
              symbolSize: 11,
              cursor: 'pointer',
            },
          ]
        : []),
    ],
  } as ChartOption
}
