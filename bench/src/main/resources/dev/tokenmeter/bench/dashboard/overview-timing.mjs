// Times the web UI's overview in headless Chromium, twice per load:
//   first screen: from navigation start until every panel has drawn (no panel loading or refreshing,
//     no skeleton, a canvas or SVG in every chart panel) — panels that load only when scrolled into
//     view (data-state=idle: the breakdown by user or tag, a raw-event scan) are named, not waited for;
//   whole page: then scrolled to the bottom, until every panel, those included, has drawn (from the
//     same navigation start).
// Run by the bench (dev.tokenmeter.bench.dashboard.DashboardBench), which passes:
//   TOKENMETER_WEB_UI   the web-ui directory (playwright-core is loaded from its node_modules)
//   BENCH_URL           the page to open, e.g. http://localhost:28080/?range=90d
//   BENCH_KEY           a viewer key, put where the sign-in form puts it
//   BENCH_RUNS          timed cold loads (a fresh browser context each), after one warm-up load
//   BENCH_CHROMIUM      the browser (default /usr/bin/chromium; never a downloaded one)
//   BENCH_TZ            the browser's time zone
// Prints one JSON object on the last line of stdout.
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(join(process.env.TOKENMETER_WEB_UI, 'package.json'))
const { chromium } = require('playwright-core')

const url = process.env.BENCH_URL
const key = process.env.BENCH_KEY
const runs = Number(process.env.BENCH_RUNS ?? '5')
const browser = await chromium.launch({
  executablePath: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})

async function load() {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-US',
    timezoneId: process.env.BENCH_TZ ?? 'UTC', reducedMotion: 'reduce',
  })
  await context.addInitScript((k) => window.sessionStorage.setItem('tokenmeter.apiKey', k), key)
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
  await page.goto(url, { waitUntil: 'commit' })
  // Polled on every animation frame, so the time is when the last panel drew, to a frame.
  const drawn = (withIdle) => page.waitForFunction((allowIdle) => {
    const root = document.querySelector('[data-testid=overview]')
    if (root === null) return false
    if (document.querySelectorAll('[data-state=loading], [aria-busy=true], .skeleton').length > 0) return false
    if (!allowIdle && root.querySelectorAll('[data-state=idle]').length > 0) return false
    const charts = [...document.querySelectorAll('[data-testid^=chart-][data-state=ready]')]
    if (!charts.every((c) => c.querySelector('canvas, svg') !== null)) return false
    return performance.now()
  }, withIdle, { polling: 'raf', timeout: 120_000 }).then((h) => h.jsonValue())
  const drawnMs = await drawn(true)
  const idle = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=overview] [data-state=idle]')].map((e) => e.getAttribute('data-testid')))
  const timing = await page.evaluate(() => {
    // The breakdown by user or tag (below the fold) is not a first-screen request, even when it has
    // already answered (it is asked for once the first screen's requests have): timed on its own below.
    const below = (e) => /[?&]by=(user|tag%3A|tag:)/.test(e.name)
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/usage/') && !below(e))
    const panels = document.querySelectorAll('[data-testid=overview] [data-state]').length
    // What comes before the first API request, from navigation start: the document answered, the
    // page's own scripts loaded (not the chart code, which loads beside the requests), the document
    // parsed, the app's first render started (its mark in main.tsx); and when the chart code arrived.
    const nav = performance.getEntriesByType('navigation')[0]
    const js = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith('.js'))
    const charts = js.filter((e) => /\/(echarts|EChart)-[^/]*\.js$/.test(e.name))
    const own = js.filter((e) => !charts.includes(e))
    const mark = performance.getEntriesByName('tokenmeter:render')[0]
    const phases = {
      documentMs: nav ? nav.responseEnd : null,
      scriptsMs: own.length > 0 ? Math.max(...own.map((e) => e.responseEnd)) : null,
      scripts: own.length,
      parsedMs: nav ? nav.domContentLoadedEventEnd : null,
      renderMs: mark ? mark.startTime : null,
      chartCodeMs: charts.length > 0 ? Math.max(...charts.map((e) => e.responseEnd)) : null,
    }
    if (api.length === 0) return { apiRequests: 0, apiWallMs: 0, slowestApiMs: 0, panels, requests: [], phases }
    const start = Math.min(...api.map((e) => e.startTime))
    const end = Math.max(...api.map((e) => e.responseEnd))
    // Per request: waiting in the browser (for one of its six connections per host) before it was
    // sent, and the server's time from sent to first byte.
    const requests = api.map((e) => {
      const u = new URL(e.name)
      return { name: u.pathname.replace('/api/v1/usage/', '') + (u.searchParams.get('by') ? ' ' + u.searchParams.get('by') : ''),
        queuedMs: e.requestStart - e.startTime, serverMs: e.responseStart - e.requestStart }
    })
    return { apiRequests: api.length, apiWallMs: end - start, slowestApiMs: Math.max(...api.map((e) => e.duration)),
      firstApiMs: start, lastApiMs: end, panels, requests, phases }
  })
  // The whole page: scrolled to the bottom (every panel comes into view), until every panel has drawn.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
  const wholeMs = await drawn(false)
  // When the below-the-fold breakdown was asked for and answered (from navigation start), whether
  // before the scroll (prefetched once a connection was free) or after it; how many first-screen
  // requests were still out when it was asked, and how many of those it went on the wire ahead of
  // (asked earlier, sent later: it took a connection one of them was waiting for).
  const group = await page.evaluate(() => {
    const resources = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/usage/'))
    const isGroup = (e) => e.name.includes('/api/v1/usage/breakdown') && /[?&]by=(user|tag%3A|tag:)/.test(e.name)
    const g = resources.find(isGroup)
    if (!g) return null
    const first = resources.filter((e) => !isGroup(e) && e.startTime < g.startTime)
    return { startMs: g.startTime, queuedMs: g.requestStart - g.startTime, serverMs: g.responseStart - g.requestStart,
      endMs: g.responseEnd, inFlight: first.filter((e) => e.responseEnd > g.startTime).length,
      overtook: first.filter((e) => e.requestStart > g.requestStart).length }
  })
  const later = await page.evaluate((after) => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/v1/usage/') && e.startTime > after)
    .map((e) => {
      const u = new URL(e.name)
      return { name: u.pathname.replace('/api/v1/usage/', '') + (u.searchParams.get('by') ? ' ' + u.searchParams.get('by') : ''),
        queuedMs: e.requestStart - e.startTime, serverMs: e.responseStart - e.requestStart }
    }), drawnMs)
  await context.close()
  return { drawnMs, idle, wholeMs, laterRequests: later, group, ...timing, errors }
}

const results = { warmup: null, runs: [] }
try {
  results.warmup = await load()
  for (let i = 0; i < runs; i++) results.runs.push(await load())
} finally {
  await browser.close()
}
console.log(JSON.stringify(results))
