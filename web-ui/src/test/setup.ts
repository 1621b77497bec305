import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { use as registerEcharts } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { writes } from './api'
import { clearSent, server } from './server'

// jsdom has no canvas: charts in tests draw with ECharts' SVG renderer (see Chart.tsx).
registerEcharts([SVGRenderer])
// ECharts measures text on a canvas when it has one; jsdom has none (and says so on every call).
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext
// jsdom lays nothing out: give elements a size so charts draw instead of warning.
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 640 })
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 240 })

// Whole-app tests wait for lazily loaded pages and their first answers; on a loaded shared machine
// that took longer than findBy's and waitFor's default second (a page still "loading" at 1 s).
configure({ asyncUtilTimeout: 5000 })

// The API is Mock Service Worker's: a request no handler of the test answers fails it.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  clearSent()
  writes.length = 0
  window.sessionStorage.clear()
  window.localStorage.clear()
})
afterAll(() => server.close())
