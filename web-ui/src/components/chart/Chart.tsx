import { Component, lazy, Suspense, type ReactNode } from 'react'
import { Skeleton } from '../Skeleton'
import type { EChartProps } from './EChart'
import '../states.css'

const EChart = lazy(() => import('./EChart'))

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
