/**
 * The only module that imports ECharts. It is loaded lazily (see `Chart.tsx`), so the chart code
 * is not part of the initial bundle; only the charts and components used are registered.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import type { ChartOption } from './options'

echarts.use([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])
// Unit tests register the SVG renderer themselves (src/test/setup.ts): jsdom has no canvas.

export interface EChartProps {
  option: ChartOption
  height: number
  label: string
  /** Called with the `key` of a clicked data item, when it has one. */
  onSelect?: (key: string) => void
  renderer?: 'canvas' | 'svg'
}

export default function EChart({ option, height, label, onSelect, renderer = 'canvas' }: EChartProps) {
  const element = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const select = useRef(onSelect)
  /** The instance that has drawn at least once (a new one after a renderer change draws its first time again). */
  const drawn = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    select.current = onSelect
  }, [onSelect])

  useEffect(() => {
    const div = element.current
    if (!div) {
      return
    }
    const instance = echarts.init(div, null, { renderer })
    chart.current = instance
    instance.on('click', (event) => {
      const data = event.data as { key?: unknown } | undefined
      if (data && typeof data.key === 'string') {
        select.current?.(data.key)
      }
    })
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize())
    observer?.observe(div)
    return () => {
      observer?.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [renderer])

  useEffect(() => {
    const instance = chart.current
    const still = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
    // The first drawing is not animated: a page full of charts is drawn once, at once, instead of
    // every chart growing over a second beside the others. Later changes (a range, a refresh) animate.
    const first = instance !== null && drawn.current !== instance
    drawn.current = instance
    instance?.setOption(still || first ? { ...option, animation: false } : option, { notMerge: true })
  }, [option, renderer])

  return <div ref={element} className="chart" style={{ height }} role="img" aria-label={label} data-ready="true" />
}
