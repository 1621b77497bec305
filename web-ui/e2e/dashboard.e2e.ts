/**
 * The dashboard's acceptance in a real browser: sign-in, every panel against the API's own
 * numbers, range changes, drill-down, log sorting and paging, CSV download, the empty state,
 * no console errors, the data time of a 90-day overview, and full-page screenshots.
 */
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatCompact, formatPercent, formatUsd } from '@/lib/format'
import type { Breakdown, EventPage, Periods, Summary } from '@/types/models'
import { closeSessions, launch, LOOKS, open, openKept, PHONE, type Session, type SessionOptions, settled } from './browser'
import { DOWNLOADS, openTarget, SCREENSHOTS, type Target } from './target'

const ZONE = 'Europe/Berlin'
let browser: Browser
let target: Target
const sessions: Session[] = []

beforeAll(async () => {
  target = await openTarget()
  browser = await launch()
  console.log(`browser tests against the local stack at ${target.baseUrl}`)
})

afterAll(async () => {
  await browser?.close()
  await target?.close()
})

const session = (options: SessionOptions = {}) => openKept(sessions, browser, target, { key: target.key, timezoneId: ZONE }, options)

afterEach(() => closeSessions(sessions))

const text = (page: Page, selector: string) => page.locator(selector).first().innerText()

async function cardValue(page: Page, id: string): Promise<string> {
  return (await text(page, `[data-testid=card-${id}] [data-field=value]`)).trim()
}

/** Checks the cards, the period strip, the provider legend and the API-key table against the API. */
async function expectPanelsMatch(page: Page, params: string): Promise<void> {
  const summary = await target.api<Summary>('/usage/summary', params)
  expect(await cardValue(page, 'requests')).toBe(formatCompact(summary.requests))
  expect(await cardValue(page, 'cost')).toBe(formatUsd(summary.costUsd))
  expect(await cardValue(page, 'inputTokens')).toBe(formatCompact(summary.inputTokens))
  expect(await cardValue(page, 'outputTokens')).toBe(formatCompact(summary.outputTokens))
  expect(await cardValue(page, 'cachedInputTokens')).toBe(formatCompact(summary.cachedInputTokens))
  expect(await cardValue(page, 'successRate')).toBe(formatPercent(summary.requests ? summary.successes / summary.requests : null))

  const filters = new URLSearchParams(params)
  filters.delete('range')
  filters.delete('from')
  filters.delete('to')
  const periods = await target.api<Periods>('/usage/periods', filters.toString())
  for (const id of ['today', 'thisWeek', 'thisMonth', 'allTime'] as const) {
    expect(await text(page, `[data-testid=period-${id}] [data-field=cost]`)).toBe(formatUsd(periods[id].costUsd))
  }

  const providers = await target.api<Breakdown>('/usage/breakdown', `${params}&by=provider&sort=cost&limit=8`)
  const legend = page.locator('[data-testid=chart-providers] tbody tr')
  if (providers.total.costUsd > 0) {
    expect(await legend.count()).toBe(providers.rows.length + (providers.other ? 1 : 0))
    for (const [i, row] of providers.rows.entries()) {
      await expect.poll(() => legend.nth(i).innerText()).toContain(formatUsd(row.costUsd))
    }
  }

  const keys = await target.api<Breakdown>('/usage/breakdown', `${params}&by=apiKey&sort=cost&limit=20`)
  const keyRows = page.locator('[data-testid=table-keys] tbody tr')
  expect(await keyRows.count()).toBe(keys.rows.length)
  const first = keys.rows[0]
  if (first) {
    expect(await keyRows.first().innerText()).toContain(formatUsd(first.costUsd))
  }

  const projects = await target.api<Breakdown>('/usage/breakdown', `${params}&by=project&sort=cost&limit=10`)
  const panel = page.locator('[data-testid=chart-projects]')
  await panel.getByRole('button', { name: 'Table' }).click()
  const projectRows = panel.locator('tbody tr')
  expect(await projectRows.count()).toBe(projects.rows.length + (projects.other ? 1 : 0))
  for (const [i, row] of projects.rows.entries()) {
    expect(await projectRows.nth(i).innerText()).toContain(formatUsd(row.costUsd))
  }
  await panel.getByRole('button', { name: 'Chart' }).click()

  for (const id of [
    'chart-requests',
    'chart-tokens',
    'chart-cost',
    'chart-latency',
    'chart-providers',
    'chart-models',
    'chart-endpoints',
  ]) {
    const state = await page.locator(`[data-testid=${id}]`).getAttribute('data-state')
    expect(state, id).toBe(summary.requests > 0 ? 'ready' : 'empty')
  }
  if (summary.requests > 0) {
    expect(await page.locator('[data-testid=chart-requests] canvas').count()).toBeGreaterThan(0)
  }
}

async function apiRequestsDuring(page: Page, action: () => Promise<void>): Promise<URL[]> {
  const seen: URL[] = []
  const listener = (request: { url(): string }) => {
    const url = new URL(request.url())
    if (url.pathname.startsWith('/api/v1/usage/')) seen.push(url)
  }
  page.on('request', listener)
  await action()
  page.off('request', listener)
  return seen
}

describe('dashboard in a browser', () => {
  it('signs in with a key, and every panel shows the numbers the API answers', async () => {
    const { page } = await session({ key: undefined })
    await page.goto('/?range=30d')
    await page.getByLabel('API key').fill(target.key)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('overview').waitFor()
    await settled(page)
    await expectPanelsMatch(page, `range=30d&tz=${encodeURIComponent(ZONE)}`)
  })

  it('fetches a 90-day overview quickly and prints how long its data requests took', async () => {
    const { page } = await session()
    const measure = async () => {
      await settled(page)
      return page.evaluate(() => {
        const entries = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/v1/usage/')) as PerformanceResourceTiming[]
        const start = Math.min(...entries.map((e) => e.startTime))
        const end = Math.max(...entries.map((e) => e.responseEnd))
        const label = (e: PerformanceResourceTiming) => {
          const url = new URL(e.name)
          const by = url.searchParams.get('by')
          return `${url.pathname.replace('/api/v1/usage/', '')}${by ? ` ${by}` : ''} ${e.duration.toFixed(0)} ms`
        }
        return {
          count: entries.length,
          wall: end - start,
          slowest: [...entries]
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 3)
            .map(label),
        }
      })
    }
    // The first load after the stack started meets cold caches and code not yet compiled; the second
    // is what a user who keeps the dashboard open sees. Both are printed.
    await page.goto('/?range=90d')
    const cold = await measure()
    await page.reload()
    const warm = await measure()
    for (const [name, timing] of [
      ['first load', cold],
      ['reload', warm],
    ] as const) {
      console.log(
        `90-day overview against the local stack, ${name}: ${timing.count} data requests finished in ${timing.wall.toFixed(0)} ms (slowest: ${timing.slowest.join(', ')})`,
      )
    }
    // The goal is 300 ms against the local stack with its 30-day demo history. A shared CI machine
    // is too noisy to fail the build on it, so the figure is printed and the limit enforced only when
    // asked (TOKENMETER_E2E_DATA_TIME_LIMIT_MS=300 on a quiet machine); the default catches real regressions.
    const limit = Number(process.env.TOKENMETER_E2E_DATA_TIME_LIMIT_MS ?? 3000)
    expect(warm.count).toBeGreaterThanOrEqual(8)
    expect(warm.wall).toBeLessThan(limit)
  })

  it('updates every panel when the range changes', async () => {
    const { page } = await session()
    await page.goto('/?range=30d')
    await settled(page)
    const requests = await apiRequestsDuring(page, async () => {
      await page.getByTestId('range-select').selectOption('7d')
      await page.waitForURL((url) => !url.searchParams.has('range'))
      await settled(page)
    })
    const ranged = ['summary', 'timeline', 'breakdown', 'errors'].map((name) => `/api/v1/usage/${name}`)
    for (const path of ranged) {
      expect(
        requests.some((u) => u.pathname === path && u.searchParams.get('range') === '7d'),
        path,
      ).toBe(true)
    }
    // Every request names the new range (the timeline brings the previous period in the same answer).
    const current = requests.filter((u) => ranged.includes(u.pathname))
    expect(current.every((u) => u.searchParams.get('range') === '7d')).toBe(true)
    await expectPanelsMatch(page, `range=7d&tz=${encodeURIComponent(ZONE)}`)
    await page.goBack()
    await settled(page)
    expect(new URL(page.url()).searchParams.get('range')).toBe('30d')
  })

  it('filters the whole dashboard by a clicked API key and a provider', async () => {
    const { page } = await session()
    await page.goto('/?range=30d')
    await settled(page)
    const keyButton = page.locator('[data-testid=table-keys] tbody tr button').first()
    const key = (await keyButton.innerText()).trim()
    await keyButton.click()
    await page.waitForURL((url) => url.searchParams.get('apiKey') === key)
    await settled(page)
    await expectPanelsMatch(page, `range=30d&tz=${encodeURIComponent(ZONE)}&apiKey=${encodeURIComponent(key)}`)

    const providerButton = page.locator('[data-testid=chart-providers] tbody button').first()
    const provider = (await providerButton.innerText()).trim()
    await providerButton.click()
    await page.waitForURL((url) => url.searchParams.get('provider') === provider)
    await settled(page)
    await expectPanelsMatch(
      page,
      `range=30d&tz=${encodeURIComponent(ZONE)}&provider=${encodeURIComponent(provider)}&apiKey=${encodeURIComponent(key)}`,
    )
    await expect.poll(() => page.getByRole('button', { name: /^Remove filter/ }).count()).toBe(2)
  })

  it('sorts and pages the log, as the API orders it', async () => {
    const { page } = await session()
    await page.goto('/log?range=30d')
    await settled(page)
    const params = `range=30d&tz=${encodeURIComponent(ZONE)}`
    await page.locator('[data-sort=cost]').click()
    await page.waitForURL((url) => url.searchParams.get('sort') === 'cost')
    await settled(page)
    const byCost = await target.api<EventPage>('/usage/events', `${params}&sort=cost&order=desc&limit=50`)
    expect(await page.locator('[data-testid=log-table] tbody tr').first().getAttribute('data-id')).toBe(byCost.items[0]!.id)
    expect(await page.getByRole('columnheader', { name: /Cost/ }).getAttribute('aria-sort')).toBe('descending')
    expect(await text(page, '[data-testid=page-status]')).toContain(`of ${byCost.totalCount.toLocaleString('en-US')}`)

    await page.getByRole('button', { name: 'Next →' }).click()
    await expect.poll(() => text(page, '[data-testid=page-status]')).toMatch(/^51–100 of/)
    const second = await target.api<EventPage>(
      '/usage/events',
      `${params}&sort=cost&order=desc&limit=50&cursor=${encodeURIComponent(byCost.nextCursor!)}`,
    )
    await expect.poll(() => page.locator('[data-testid=log-table] tbody tr').first().getAttribute('data-id')).toBe(second.items[0]!.id)

    await page.locator('[data-sort=latency]').click()
    await page.locator('[data-sort=latency]').click()
    await page.waitForURL((url) => url.searchParams.get('sort') === 'latency' && url.searchParams.get('order') === 'asc')
    await settled(page)
    const byLatency = await target.api<EventPage>('/usage/events', `${params}&sort=latency&order=asc&limit=50`)
    expect(await page.locator('[data-testid=log-table] tbody tr').first().getAttribute('data-id')).toBe(byLatency.items[0]!.id)
    expect(await text(page, '[data-testid=page-status]')).toMatch(/^1–50 of/)
  })

  it('downloads the filtered log as CSV', async () => {
    const { page } = await session()
    await page.goto('/log?range=7d&status=error')
    await settled(page)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()])
    const file = `${DOWNLOADS}/${download.suggestedFilename()}`
    await download.saveAs(file)
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    const page1 = await target.api<EventPage>('/usage/events', `range=7d&tz=${encodeURIComponent(ZONE)}&status=error&limit=1`)
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    expect(lines.length - 1).toBe(page1.totalCount)
    expect(lines[0]).toMatch(/id/)
  })

  it('tells a tenant without events how to send the first one', async (context) => {
    if (!target.emptyKey) {
      context.skip('set TOKENMETER_E2E_EMPTY_KEY (or TOKENMETER_E2E_OPERATOR_KEY to create one) for the empty-tenant check')
    }
    const { page } = await session({ key: target.emptyKey! })
    await page.goto('/')
    await page.getByTestId('welcome').waitFor()
    expect(await page.getByTestId('welcome').innerText()).toContain('No usage yet')
    await page.screenshot({ path: `${SCREENSHOTS}/empty-desktop-light.png`, fullPage: true })
  })

  it('saves full-page screenshots: desktop and phone, light and dark', async () => {
    for (const { device, viewport, scheme } of LOOKS) {
      const { page, context, errors } = await open(browser, target, { key: target.key, viewport, colorScheme: scheme, timezoneId: ZONE })
      await page.goto('/?range=30d')
      await settled(page)
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(scrollWidth, `${device} page width`).toBeLessThanOrEqual(viewport.width)
      await page.screenshot({ path: `${SCREENSHOTS}/overview-${device}-${scheme}.png`, fullPage: true })
      await page.goto('/log?range=30d')
      await settled(page)
      await page.screenshot({ path: `${SCREENSHOTS}/log-${device}-${scheme}.png`, fullPage: true })
      await context.close()
      expect(errors, `${device} ${scheme} console errors`).toEqual([])
    }
    const { page } = await session({ key: undefined })
    await page.goto('/')
    await page.getByLabel('API key').waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-desktop-light.png`, fullPage: true })
  })
})

describe('keyboard', () => {
  it('filters with the keyboard alone, and Escape closes a picker', async () => {
    const { page } = await session({ viewport: PHONE })
    await page.goto('/?range=30d')
    await settled(page)
    const picker = page.getByRole('button', { name: /^API key/ })
    await picker.focus()
    await page.keyboard.press('Enter')
    const list = page.getByRole('group', { name: 'API key filter' })
    await list.waitFor()
    await list.getByRole('checkbox').first().waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/filter-phone-light.png` })
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(PHONE.width)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    await page.waitForURL((url) => url.searchParams.has('apiKey'))
    await page.keyboard.press('Escape')
    await list.waitFor({ state: 'detached' })
    expect(await picker.evaluate((el) => el === document.activeElement)).toBe(true)
    await settled(page)
    expect(await page.getByRole('button', { name: /^Remove filter API key/ }).count()).toBe(1)
  })
})
