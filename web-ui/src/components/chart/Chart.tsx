import { Component, lazy, Suspense, type ReactNode } from 'react'
import { Skeleton } from '../Skeleton'
import type { EChartProps } from './EChart'
import '../states.css'

let loaded = false
/** The chart code's request while it is out (it holds one of the browser's connections meanwhile). */
let loading: Promise<void> | null = null
const loadEChart = () => {
  const module = import('./EChart')
  if (!loaded && loading === null) {
    loading = module
      .then(
        () => {
          loaded = true
        },
        () => undefined,
      )
      .finally(() => {
        loading = null
      })
  }
  return module
}
const EChart = lazy(loadEChart)

/**
 * Starts loading the chart code now, for a page that will draw charts once its data arrives: the
 * code then loads and compiles while the requests are out, not after the last answer. A failure is
 * left to the chart itself, which loads again and shows it.
 */
export function preloadChart(): void {
  loadEChart().catch(() => undefined)
}

/** While the chart code is being fetched, a promise settled when it has arrived (or failed); else null. */
export function pendingChartCode(): Promise<void> | null {
  return loading
}

/** jsdom has no canvas: tests draw with the SVG renderer. */
const defaultRenderer = import.meta.env.MODE === 'test' ? 'svg' : 'canvas'

class ChartLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  render() {
    if (this.state.failed) {
      return (
        <div className="state state-error" role="alert">
          <p>The chart code could not be loaded.</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      )
    }
    return this.props.children
  }
}

/** A chart whose drawing code (ECharts) loads on first use, with a skeleton meanwhile. */
export function Chart(props: EChartProps) {
  return (
    <ChartLoadBoundary>
      <Suspense fallback={<Skeleton height={props.height} />}>
        <EChart renderer={defaultRenderer} {...props} />
      </Suspense>
    </ChartLoadBoundary>
  )
}
