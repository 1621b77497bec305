/**
 * The controls of issue 19 in a real browser against the local stack, each compared with the API's
 * own answer: range presets, the timeline's granularity and its CSV, the total-tokens and projected
 * cards, the user/tag breakdown (sortable, with its CSV), user and tag filters, the keys page and the
 * operator's tenant switcher. Screenshots of each under target/screenshots/.
 */
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatCompact } from '@/lib/format'
import { presetDays } from '@/lib/url-state'
import type { Breakdown, Forecast, Summary, TagKeys, TenantList, Timeline } from '@/types/models'
import { closeSessions, DESKTOP, launch, open, PHONE, settled, type Session } from './browser'
import { DOWNLOADS, openTarget, SCREENSHOTS, type Target } from './target'

const ZONE = 'Europe/Berlin'
const TZ = `tz=${encodeURIComponent(ZONE)}`
let browser: Browser
let target: Target
const sessions: Session[] = []

beforeAll(async () => {
  target = await openTarget()
  browser = await launch()
})

afterAll(async () => {
  await browser?.close()
  await target?.close()
})

afterEach(() => closeSessions(sessions))

async function session(options: Parameters<typeof open>[2] = {}): Promise<Session> {
  const s = await open(browser, target, { key: target.key, timezoneId: ZONE, ...options })
  sessions.push(s)
  return s
}

const cardValue = async (page: Page, id: string) =>
  (await page.locator(`[data-testid=card-${id}] [data-field=value]`).first().innerText()).trim()

async function download(page: Page, click: () => Promise<void>): Promise<string[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  const path = `${DOWNLOADS}/${file.suggestedFilename()}`
  await file.saveAs(path)
  return readFileSync(path, 'utf8').trim().split('\r\n')
}

describe('new dashboard controls', () => {
  it('range presets ask for the local days they name, and the cards show the API answer', async () => {
    const { page } = await session()
    for (const preset of ['lastWeek', 'thisWeek', 'lastMonth', 'ytd', 'all'] as const) {
      await page.goto(`/?range=${preset}&${TZ}`)
      await settled(page)
      const days = presetDays(preset, ZONE)
      const params = days ? `from=${days.from}&to=${days.toExclusive}&${TZ}` : `range=${preset}&${TZ}`
      const summary = await target.api<Summary>('/usage/summary', params)
      expect(await cardValue(page, 'requests'), preset).toBe(formatCompact(summary.requests))
      expect(await cardValue(page, 'totalTokens'), preset).toBe(formatCompact(summary.totalTokens))
    }
    await page.screenshot({ path: `${SCREENSHOTS}/control-range-presets-desktop-light.png` })
  })

  it('projects requests and tokens as the forecast answers', async () => {
    const { page } = await session()
    await page.goto(`/?${TZ}`)
    await settled(page)
    const forecast = await target.api<Forecast>('/usage/forecast', TZ)
    expect(await cardValue(page, 'forecastRequests')).toBe(formatCompact(forecast.projectedMonthEnd.requests))
    expect(await cardValue(page, 'forecastTokens')).toBe(formatCompact(forecast.projectedMonthEnd.totalTokens))
    await page.getByTestId('cards').screenshot({ path: `${SCREENSHOTS}/control-cards-desktop-light.png` })
  })

  it('switches the timeline to weeks and downloads the buckets the API answers', async () => {
    const { page } = await session()
    await page.goto(`/?range=90d&${TZ}`)
    await settled(page)
    await page.getByRole('group', { name: 'Timeline granularity' }).getByRole('button', { name: 'Week' }).click()
    expect(new URL(page.url()).searchParams.get('bucket')).toBe('week')
    await settled(page)
    const timeline = await target.api<Timeline>('/usage/timeline', `range=90d&${TZ}&bucket=week`)
    const lines = await download(page, () => page.getByRole('button', { name: 'Download timeline as CSV' }).click())
    expect(lines.length - 1).toBe(timeline.buckets.length)
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(
      timeline.buckets.map((b) => `${b.start},${b.end},${b.requests}`),
    )
    await page.getByTestId('timeline-controls').screenshot({ path: `${SCREENSHOTS}/control-granularity-desktop-light.png` })
  })

  it('breaks down by user and by a tag key, sorts by every column as the API ranks, and exports the table', async () => {
    const { page } = await session()
    await page.goto(`/?range=30d&${TZ}`)
    await settled(page)
    const panel = page.getByTestId('breakdown-group')
    const byUser = await target.api<Breakdown>('/usage/breakdown', `range=30d&${TZ}&by=user&sort=cost&limit=10&percentiles=false`)
    const rows = panel.locator('tbody tr:not(.row-other)')
    await expect.poll(() => rows.count()).toBe(byUser.rows.length)
    expect(await rows.first().getAttribute('data-key')).toBe(byUser.rows[0]?.key ?? '')
    await panel.getByRole('button', { name: /^Avg latency/ }).click()
    const byLatency = await target.api<Breakdown>('/usage/breakdown', `range=30d&${TZ}&by=user&sort=latency&limit=10&percentiles=false`)
    await expect.poll(() => rows.first().getAttribute('data-key')).toBe(byLatency.rows[0]?.key ?? '')
    expect(await panel.locator('th[aria-sort=descending]').innerText()).toContain('Avg latency')
    const lines = await download(page, () => panel.getByRole('button', { name: /as CSV/ }).click())
    expect(lines.slice(1, 1 + byLatency.rows.length).map((l) => l.split(',')[0])).toEqual(byLatency.rows.map((r) => r.key ?? '(none)'))

    const keys = await target.api<TagKeys>('/usage/tag-keys', `range=30d&${TZ}`)
    if (keys.keys.length > 0) {
      const key = keys.keys[0]!
      await page.getByTestId('breakdown-by').selectOption(`tag:${key}`)
      const byTag = await target.api<Breakdown>('/usage/breakdown', `range=30d&${TZ}&by=tag:${key}&sort=latency&limit=10&percentiles=false`)
      await expect.poll(() => rows.first().getAttribute('data-key')).toBe(byTag.rows[0]?.key ?? '')
    }
    await panel.screenshot({ path: `${SCREENSHOTS}/control-group-breakdown-desktop-light.png` })
  })

  it('shows the average latency per endpoint as the API answers', async () => {
    const { page } = await session()
    await page.goto(`/?range=30d&${TZ}`)
    await settled(page)
    const panel = page.getByTestId('chart-endpoints')
    await panel.getByRole('button', { name: 'Table' }).click()
    const endpoints = await target.api<Breakdown>(
      '/usage/breakdown',
      `range=30d&${TZ}&by=endpoint&sort=requests&limit=10&percentiles=false`,
    )
    const first = panel.locator('tbody tr').first()
    await expect.poll(() => first.getAttribute('data-key')).toBe(endpoints.rows[0]?.key ?? '')
    const latency = endpoints.rows[0]?.avgLatencyMs
    expect(await first.locator('[data-column=avgLatencyMs]').innerText()).toContain(
      latency == null ? '—' : String(Math.round(latency)).slice(0, 1),
    )
  })

  it('filters by a user from the URL and by a tag chosen with the keyboard', async () => {
    const { page } = await session()
    const users = await target.api<Breakdown>('/usage/breakdown', `range=30d&${TZ}&by=user&sort=requests&limit=1&percentiles=false`)
    const user = users.rows[0]?.key
    if (!user) return
    await page.goto(`/?range=30d&${TZ}&user=${encodeURIComponent(user)}`)
    await settled(page)
    const summary = await target.api<Summary>('/usage/summary', `range=30d&${TZ}&user=${encodeURIComponent(user)}`)
    expect(await cardValue(page, 'requests')).toBe(formatCompact(summary.requests))
    await page.getByTestId('tag-key-select').focus()
    const keys = await target.api<TagKeys>('/usage/tag-keys', `range=30d&${TZ}&user=${encodeURIComponent(user)}`)
    if (keys.keys[0]) {
      await page.getByTestId('tag-key-select').selectOption(keys.keys[0])
      await expect.poll(() => page.getByRole('button', { name: `Tag ${keys.keys[0]}` }).count()).toBe(1)
    }
    await page.getByRole('region', { name: 'Range and filters' }).screenshot({ path: `${SCREENSHOTS}/control-filters-desktop-light.png` })
  })
})

describe('keys page and tenant switcher (the stack, with the operator key)', () => {
  it('creates a key whose secret is shown once and works, lists it and revokes it', async () => {
    const tenant = await target.createTenant('e2e-keys')
    const { page, context } = await session({ key: tenant.admin })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.goto('/keys')
    await settled(page)
    await page.getByTestId('key-name').fill('e2e created')
    await page.getByTestId('key-role').selectOption('viewer')
    await page.getByTestId('key-create').click()
    const secret = await page.getByTestId('new-secret-value').inputValue()
    expect(secret).toMatch(/^tm_/)
    await page.getByTestId('copy-secret').click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)
    const summary = await target.api<Summary>('/usage/summary', 'range=today', secret)
    expect(summary.requests).toBe(0)
    await page.getByTestId('new-secret').screenshot({ path: `${SCREENSHOTS}/control-new-key-desktop-light.png` })
    await page.getByRole('button', { name: 'Done' }).click()
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Revoke key e2e created' }).click()
    await expect
      .poll(
        async () =>
          (await fetch(`${target.baseUrl}/api/v1/usage/summary?range=today`, { headers: { Authorization: `Bearer ${secret}` } })).status,
      )
      .toBe(401)
    for (const viewport of [DESKTOP, PHONE]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const s = await session({ key: tenant.admin, viewport, colorScheme })
        await s.page.goto('/keys')
        await settled(s.page)
        await s.page.screenshot({
          path: `${SCREENSHOTS}/keys-${viewport === DESKTOP ? 'desktop' : 'phone'}-${colorScheme}.png`,
          fullPage: true,
        })
      }
    }
  })

  it('lets the operator key switch tenants, listing what GET /tenants answers', async () => {
    if (!target.operatorKey) return
    const { page } = await session({ key: undefined })
    await page.goto('/')
    await page.getByLabel('API key').fill(target.operatorKey)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const switcher = page.getByTestId('tenant-switcher')
    await switcher.waitFor()
    const list = await target.api<TenantList>('/tenants', 'range=30d', target.operatorKey)
    await expect
      .poll(async () => (await switcher.locator('option').allInnerTexts()).map((t) => t.split(' — ')[0]))
      .toEqual(list.tenants.map((t) => t.name))
    await switcher.selectOption('demo')
    await settled(page)
    const summary = await target.api<Summary>('/usage/summary', `range=7d&${TZ}&tenant=demo`, target.operatorKey)
    expect(await cardValue(page, 'requests')).toBe(formatCompact(summary.requests))
    await page.locator('header').screenshot({ path: `${SCREENSHOTS}/control-tenant-switcher-desktop-light.png` })
  })
})
