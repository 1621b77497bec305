import { describe, expect, it } from 'vitest'
import { barChartOption, CHART_THEMES, donutOption, escapeHtml, formatValue, timeChartOption } from './options'

const theme = CHART_THEMES.light
type Series = { data: unknown[]; type: string; stack?: string; connectNulls?: boolean; xAxisIndex?: number }

describe('chart options', () => {
  it('keeps gaps as gaps and never connects across them', () => {
    const option = timeChartOption({
      labels: ['a', 'b', 'c'],
      series: [{ name: 'p95', color: '#f00', data: [1, null, 3], kind: 'line' }],
      format: 'latency',
      theme,
    })
    const [series] = option.series as Series[]
    expect(series!.data).toEqual([1, null, 3])
    expect(series!.connectNulls).toBe(false)
  })

  it('totals the tooltip over the current period only, showing the dashed previous period beside it', () => {
    const option = timeChartOption({
      labels: ['a'],
      series: [
        { name: 'Success', color: '#0f0', data: [7], kind: 'bar', stack: 'requests' },
        { name: 'Error', color: '#f00', data: [3], kind: 'bar', stack: 'requests' },
        { name: 'Previous period', color: '#999', data: [20], kind: 'line', dashed: true },
      ],
      format: 'integer',
      theme,
      total: true,
    })
    const formatter = (option.tooltip as { formatter: (items: unknown) => string }).formatter
    const html = formatter([
      { axisValueLabel: 'a', seriesName: 'Success', value: 7 },
      { axisValueLabel: 'a', seriesName: 'Error', value: 3 },
      { axisValueLabel: 'a', seriesName: 'Previous period', value: 20 },
    ])
    expect(html).toContain('Previous period: <b>20</b>')
    expect(html).toContain('Total: <b>10</b>')
  })

  it('turns off animation for thousands of points', () => {
    const labels = Array.from({ length: 2000 }, (_, i) => String(i))
    const option = timeChartOption({
      labels,
      series: [{ name: 'x', color: '#000', data: labels.map(() => 1), kind: 'line' }],
      format: 'integer',
      theme,
    })
    expect(option.animation).toBe(false)
  })

  it('puts the drill-down key on clickable slices and bars only', () => {
    const donut = donutOption(
      [
        { key: 'openai', label: 'openai', value: 2, color: '#1', selectable: true, detail: '' },
        { key: null, label: 'Other', value: 1, color: '#2', selectable: false, detail: '' },
      ],
      'usd',
      theme,
    )
    const slices = (donut.series as Series[])[0]!.data as { key?: string }[]
    expect(slices.map((s) => s.key)).toEqual(['openai', undefined])

    const bars = barChartOption({
      categories: [
        { key: 'big', label: 'big', selectable: true },
        { key: null, label: '(none)', selectable: false },
      ],
      series: [{ name: 'Requests', color: '#1', data: [10, 5] }],
      rate: { name: 'Error rate', color: '#2', data: [0.1, 0.2], format: 'percent' },
      format: 'integer',
      theme,
    })
    const [requests, rate] = bars.series as Series[]
    // Horizontal bars list the largest last, so it is drawn on top.
    expect(requests!.data).toEqual([
      { value: 5, key: undefined },
      { value: 10, key: 'big' },
    ])
    expect(rate!.xAxisIndex).toBe(1)
  })

  it('formats values and escapes names for tooltips', () => {
    expect(formatValue('usd', 1234.5)).toBe('$1,234.50')
    expect(formatValue('usd', 1_234_567, true)).toBe('$1.2M')
    expect(formatValue('percent', 0.25)).toBe('25.0%')
    expect(formatValue('integer', null)).toBe('—')
    expect(escapeHtml('<img src=x onerror="a">')).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;')
  })
})
