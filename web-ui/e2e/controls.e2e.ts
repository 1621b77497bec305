/**
 * The controls of issue 19 in a real browser against the local stack, each compared with the API's
 * own answer for the very parameters the page asked with: range presets, the timeline's granularity
 * and its CSV, the previous period drawn dashed, the total-tokens and projected cards, the user/tag
 * breakdown (sortable by every column, with its CSV), latency per endpoint, user and tag filters,
 * the keys page and the operator's tenant switcher. A screenshot of each under target/screenshots/.
 */
import { readFileSync } from 'node:fs'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatBucket, formatCompact, formatLatency, formatUsd } from '@/lib/format'
import { presetDays, RANGE_LABELS, type RangePreset } from '@/lib/url-state'
import type { Breakdown, Forecast, KeyList, Summary, TagKeys, TenantList, Timeline, Values } from '@/types/models'
import { closeSessions, DESKTOP, launch, openKept, PHONE, type Session, type SessionOptions, settled } from './browser'
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

const session = (options: SessionOptions = {}) => openKept(sessions, browser, target, { key: target.key, timezoneId: ZONE }, options)

/** The digits of a drawn number ("1,234" → 1234), so the comparison does not depend on Node's locale. */
const digits = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, ''))

/** A card's exact number (its title; the value itself may be compact, 1.2M). */
const cardExact = async (page: Page, id: string) =>
  digits(await page.locator(`[data-testid=card-${id}] [data-field=value]`).first().getAttribute('title'))

const cardValue = async (page: Page, id: string) =>
  (await page.locator(`[data-testid=card-${id}] [data-field=value]`).first().innerText()).trim()

async function download(page: Page, click: () => Promise<void>): Promise<string[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  const path = `${DOWNLOADS}/${file.suggestedFilename()}`
  await file.saveAs(path)
  return readFileSync(path, 'utf8').trim().split('\r\n')
}

/** The query string of the next `/api/v1/usage/<path>` request `action` makes the page send (without bucket extras). */
async function requestOf(page: Page, path: string, action: () => Promise<void>, match: (u: URL) => boolean = () => true): Promise<URL> {
  const [request] = await Promise.all([
    page.waitForRequest((r) => {
      const url = new URL(r.url())
      return url.pathname === `/api/v1/usage/${path}` && match(url)
    }),
    action(),
  ])
  return new URL(request.url())
}

/** What a time chart's tooltip shows where the pointer is: the bucket's label and each "name: value" line. */
async function tooltipAt(page: Page, panel: Locator, fraction: number): Promise<{ label: string; values: Map<string, number> }> {
  const chart = panel.locator('.chart')
  const box = (await chart.boundingBox())!
  await page.mouse.move(box.x + box.width * fraction, box.y + box.height * 0.6)
  const tip = panel
    .locator('.chart div')
    .filter({ hasText: /Previous period:/ })
    .last()
  await tip.waitFor({ state: 'visible', timeout: 10_000 })
  const lines = (await tip.innerText())
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const values = new Map<string, number>()
  for (const line of lines.slice(1)) {
    const m = /^(.+?):\s*(.+)$/.exec(line)
    if (m) values.set(m[1]!, digits(m[2]!))
  }
  return { label: lines[0]!, values }
}

/** The rows a breakdown table draws: key and the requests and cost cells. */
async function drawnRows(table: Locator): Promise<{ key: string; requests: string; cost: string }[]> {
  return table.locator('tbody tr:not(.row-other)').evaluateAll((rows) =>
    rows.map((r) => ({
      key: r.getAttribute('data-key') ?? '',
      requests: (r.querySelector('[data-column=requests]') as HTMLElement | null)?.innerText.trim() ?? '',
      cost: (r.querySelector('[data-column=costUsd]') as HTMLElement | null)?.innerText.trim() ?? '',
    })),
  )
}

const expectedRows = (b: Breakdown) =>
  b.rows.map((r) => ({ key: r.key ?? '', requests: formatCompact(r.requests), cost: formatUsd(r.costUsd) }))

describe('new dashboard controls', () => {
  it('range presets ask for the local days they name, and the request and token cards show the API answer', async () => {
    const { page } = await session()
    await page.goto(`/?${TZ}`)
    await settled(page)
    for (const preset of ['thisWeek', 'lastWeek', 'lastMonth', 'ytd', 'all'] as const satisfies readonly RangePreset[]) {
      const asked = await requestOf(page, 'summary', () =>
        page
          .getByTestId('range-select')
          .selectOption({ label: RANGE_LABELS[preset] })
          .then(() => {}),
      )
      await settled(page)
      const days = presetDays(preset, ZONE)
      if (days) {
        expect([asked.searchParams.get('from'), asked.searchParams.get('to')], preset).toEqual([days.from, days.toExclusive])
      } else {
        expect(asked.searchParams.get('range'), preset).toBe(preset)
      }
      expect(asked.searchParams.get('tz')).toBe(ZONE)
      const summary = await target.api<Summary>('/usage/summary', asked.searchParams.toString())
      expect(await cardExact(page, 'requests'), preset).toBe(summary.requests)
      expect(await cardExact(page, 'totalTokens'), preset).toBe(summary.totalTokens)
      expect(await cardValue(page, 'cost'), preset).toBe(formatUsd(summary.costUsd))
      if (preset === 'lastWeek') {
        await page.screenshot({ path: `${SCREENSHOTS}/control-range-presets-desktop-light.png` })
      }
    }
    expect(new URL(page.url()).searchParams.get('range')).toBe('all')
  })

  it('shows total tokens and projects requests and tokens as the summary and forecast answer', async () => {
    const { page } = await session()
    // The projection moves with the clock (the share of the month gone), so the page's own answer is the one to compare.
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/usage/forecast'),
      page.goto(`/?${TZ}`),
    ])
    await settled(page)
    expect(new URL(response.url()).searchParams.get('tz')).toBe(ZONE)
    const forecast = (await response.json()) as Forecast
    const again = await target.api<Forecast>('/usage/forecast', new URL(response.url()).searchParams.toString())
    expect(again.monthToDate).toEqual(forecast.monthToDate)
    expect(await cardExact(page, 'forecastRequests')).toBe(forecast.projectedMonthEnd.requests)
    expect(await cardExact(page, 'forecastTokens')).toBe(forecast.projectedMonthEnd.totalTokens)
    const hint = await page.locator('[data-testid=card-forecastTokens] .card-hint').innerText()
    expect(hint).toContain(`${formatCompact(forecast.monthToDate.totalTokens)} so far`)
    const summary = await target.api<Summary>('/usage/summary', `range=7d&${TZ}`)
    expect(await cardExact(page, 'totalTokens')).toBe(summary.totalTokens)
    await page.getByTestId('cards').screenshot({ path: `${SCREENSHOTS}/control-cards-desktop-light.png` })
  })

  it('switches the timeline to weeks, asks for weekly buckets and downloads the buckets the API answers', async () => {
    const { page } = await session()
    await page.goto(`/?range=90d&${TZ}`)
    await settled(page)
    const group = page.getByRole('group', { name: 'Timeline granularity' })
    const asked = await requestOf(
      page,
      'timeline',
      () => group.getByRole('button', { name: 'Week' }).click(),
      (u) => u.searchParams.get('range') === '90d',
    )
    expect(asked.searchParams.get('bucket')).toBe('week')
    expect(new URL(page.url()).searchParams.get('bucket')).toBe('week')
    await settled(page)
    expect(await group.getByRole('button', { name: 'Week' }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.locator('[data-testid=chart-requests] h2').innerText()).toContain('per week')
    const timeline = await target.api<Timeline>('/usage/timeline', asked.searchParams.toString())
    expect(timeline.bucket).toBe('week')
    const lines = await download(page, () => page.getByRole('button', { name: 'Download timeline as CSV' }).click())
    expect(lines[0]).toBe(
      'start,end,requests,successes,errors,timeouts,inputTokens,cachedInputTokens,outputTokens,reasoningTokens,totalTokens,costUsd,avgLatencyMs,p95LatencyMs',
    )
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).concat(l.split(',')[10]!, l.split(',')[11]!).join(','))).toEqual(
      timeline.buckets.map((b) => `${b.start},${b.end},${b.requests},${b.totalTokens},${b.costUsd}`),
    )
    await page.getByTestId('timeline-controls').screenshot({ path: `${SCREENSHOTS}/control-granularity-desktop-light.png` })
    await page.getByTestId('chart-requests').screenshot({ path: `${SCREENSHOTS}/control-granularity-week-chart-desktop-light.png` })
  })

  it('draws the previous period dashed beside the current one, bucket by bucket as the API answers', async () => {
    const { page } = await session()
    // One request brings both periods (compare=previous): the previous one is not asked for after the first answer.
    const asked = await requestOf(
      page,
      'timeline',
      () => page.goto(`/?range=7d&bucket=day&${TZ}`).then(() => {}),
      (u) => u.searchParams.get('range') === '7d',
    )
    await settled(page)
    expect(asked.searchParams.get('compare')).toBe('previous')
    const current = await target.api<Timeline>('/usage/timeline', asked.searchParams.toString())
    // The period of equal length just before, in the same buckets: what the timeline of that period answers.
    const span = Date.parse(current.to) - Date.parse(current.from)
    const before = new Date(Date.parse(current.from) - span).toISOString()
    const previous = await target.api<Timeline>(
      '/usage/timeline',
      `from=${encodeURIComponent(before)}&to=${encodeURIComponent(new Date(Date.parse(current.from)).toISOString())}&${TZ}&bucket=day`,
    )
    expect(current.previous?.buckets).toEqual(previous.buckets)
    expect(previous.buckets.some((b) => b.requests > 0)).toBe(true)
    const labels = current.buckets.map((b) => formatBucket(b.start, 'day', ZONE))

    const panel = page.getByTestId('chart-requests')
    const seen = new Set<number>()
    for (const fraction of [0.2, 0.5, 0.8]) {
      const { label, values } = await tooltipAt(page, panel, fraction)
      const i = labels.indexOf(label)
      expect(i, `bucket "${label}" among ${labels.join(', ')}`).toBeGreaterThanOrEqual(0)
      seen.add(i)
      expect(values.get('Success'), label).toBe(current.buckets[i]!.successes)
      expect(values.get('Error'), label).toBe(current.buckets[i]!.errors)
      expect(values.get('Timeout'), label).toBe(current.buckets[i]!.timeouts)
      expect(values.get('Previous period'), label).toBe(previous.buckets[i]!.requests)
      // The total is the current bucket's, not the current plus the previous period's.
      expect(values.get('Total'), label).toBe(current.buckets[i]!.requests)
    }
    expect(seen.size).toBe(3)
    await panel.screenshot({ path: `${SCREENSHOTS}/control-previous-period-desktop-light.png` })
    const tokens = page.getByTestId('chart-tokens')
    const { label, values } = await tooltipAt(page, tokens, 0.5)
    const i = labels.indexOf(label)
    expect(values.get('Previous period'), label).toBe(previous.buckets[i]!.totalTokens)
    expect(values.get('Total'), label).toBe(current.buckets[i]!.totalTokens)
  })

  it('breaks down by user and by a tag key, sorts by every column as the API ranks, and exports the table', async () => {
    const { page } = await session()
    // Users and tags are in no rollup (a raw-event scan): the breakdown is asked for once the first
    // screen has answered, before any scroll, and shown when the panel comes into view.
    const prefetched = page.waitForRequest((r) => {
      const url = new URL(r.url())
      return url.pathname === '/api/v1/usage/breakdown' && url.searchParams.get('by') === 'user'
    })
    await page.goto(`/?range=30d&${TZ}`)
    await settled(page)
    const params = `range=30d&${TZ}`
    const panel = page.getByTestId('breakdown-group')
    const table = panel.getByTestId('breakdown-group-table')
    expect(await panel.getAttribute('data-state')).toBe('idle')
    const asked = new URL((await prefetched).url())
    await panel.scrollIntoViewIfNeeded()
    expect(asked.searchParams.get('range')).toBe('30d')
    const byUser = await target.api<Breakdown>('/usage/breakdown', `${params}&by=user&sort=cost&limit=10`)
    expect(byUser.rows.length).toBeGreaterThan(1)
    await expect.poll(() => drawnRows(table)).toEqual(expectedRows(byUser))

    // Each measure column asks the API for the top rows by it; a second click reverses them.
    const measures = [
      ['Requests', 'requests'],
      ['Error rate', 'errorRate'],
      ['Tokens', 'tokens'],
      ['Avg latency', 'latency'],
      ['Last seen', 'lastSeen'],
      ['Cost', 'cost'],
    ] as const
    for (const [heading, sort] of measures) {
      await panel.getByRole('button', { name: new RegExp(`^${heading}`) }).click()
      const ranked = await target.api<Breakdown>('/usage/breakdown', `${params}&by=user&sort=${sort}&limit=10`)
      await expect.poll(() => drawnRows(table), { message: heading }).toEqual(expectedRows(ranked))
      expect(await panel.locator('th[aria-sort=descending]').innerText()).toContain(heading)
      if (sort === 'latency') {
        const lines = await download(page, () => panel.getByRole('button', { name: /as CSV/ }).click())
        expect(lines[0]).toMatch(/^key,requests,/)
        expect(lines.slice(1, 1 + ranked.rows.length).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(
          ranked.rows.map((r) => `${r.key ?? '(none)'},${r.requests}`),
        )
        expect(lines.at(-1)).toBe(
          `Total,${ranked.total.requests},${ranked.total.successes},${ranked.total.errors},${ranked.total.errorRate ?? ''},${ranked.total.inputTokens},${ranked.total.outputTokens},${ranked.total.totalTokens},${ranked.total.costUsd},${ranked.total.share ?? ''},${ranked.total.avgLatencyMs ?? ''},${ranked.total.lastSeen ?? ''}`,
        )
      }
    }
    await panel.getByRole('button', { name: /^Cost/ }).click()
    const byCost = await target.api<Breakdown>('/usage/breakdown', `${params}&by=user&sort=cost&limit=10`)
    // Ascending; rows of equal cost keep the API's order.
    const ascending = byCost.rows
      .map((row, i) => ({ row, i }))
      .sort((a, b) => a.row.costUsd - b.row.costUsd || a.i - b.i)
      .map(({ row }) => row)
    await expect.poll(() => drawnRows(table)).toEqual(expectedRows({ ...byCost, rows: ascending }))
    expect(await panel.locator('th[aria-sort=ascending]').innerText()).toContain('Cost')
    await panel.getByRole('button', { name: /^User/ }).click()
    // By name; a row without a user ("(none)") stays last.
    const named = byCost.rows.flatMap((r) => (r.key === null ? [] : [r.key])).sort()
    const unnamed = byCost.rows.filter((r) => r.key === null).map(() => '')
    await expect.poll(async () => (await drawnRows(table)).map((r) => r.key)).toEqual([...named, ...unnamed])
    await panel.screenshot({ path: `${SCREENSHOTS}/control-sortable-table-desktop-light.png` })

    const keys = await target.api<TagKeys>('/usage/tag-keys', params)
    // The picker asks for the tag keys when it is opened (focused), as a user's click or Tab would.
    await page.getByTestId('breakdown-by').focus()
    // The tag keys and the tag breakdown are raw-event scans: on a loaded machine they take seconds.
    await expect
      .poll(() => page.getByTestId('breakdown-by').locator('option').allInnerTexts(), { timeout: 15_000 })
      .toEqual(['by user', ...keys.keys.map((k) => `by tag ${k}`)])
    const key = keys.keys[0]!
    await page.getByTestId('breakdown-by').selectOption(`tag:${key}`)
    expect(new URL(page.url()).searchParams.get('breakdownBy')).toBe(`tag:${key}`)
    const byTag = await target.api<Breakdown>('/usage/breakdown', `${params}&by=tag:${key}&sort=cost&limit=10`)
    await expect.poll(() => drawnRows(table), { timeout: 15_000 }).toEqual(expectedRows(byTag))
    await panel.screenshot({ path: `${SCREENSHOTS}/control-group-breakdown-desktop-light.png` })
  })

  it('shows the average latency per endpoint as the API answers', async () => {
    const { page } = await session()
    await page.goto(`/?range=30d&${TZ}`)
    await settled(page)
    const panel = page.getByTestId('chart-endpoints')
    await panel.getByRole('button', { name: 'Table' }).click()
    const endpoints = await target.api<Breakdown>('/usage/breakdown', `range=30d&${TZ}&by=endpoint&sort=requests&limit=10`)
    const drawn = () =>
      panel
        .locator('tbody tr:not(.row-other)')
        .evaluateAll((rows) =>
          rows.map((r) => [r.getAttribute('data-key'), (r.querySelector('[data-column=avgLatencyMs]') as HTMLElement).innerText.trim()]),
        )
    await expect.poll(drawn).toEqual(endpoints.rows.map((r) => [r.key ?? '', formatLatency(r.avgLatencyMs)]))
    await panel.getByRole('button', { name: /^Avg latency/ }).click()
    const slowest = await target.api<Breakdown>('/usage/breakdown', `range=30d&${TZ}&by=endpoint&sort=latency&limit=10`)
    await expect.poll(drawn).toEqual(slowest.rows.map((r) => [r.key ?? '', formatLatency(r.avgLatencyMs)]))
    await panel.screenshot({ path: `${SCREENSHOTS}/control-latency-per-endpoint-desktop-light.png` })
  })

  it('filters by a user picked from the list and by a tag chosen with the keyboard', async () => {
    const { page } = await session()
    await page.goto(`/?range=30d&${TZ}`)
    await settled(page)
    const users = await target.api<Values>('/usage/values/user', `range=30d&${TZ}`)
    const filterBar = page.getByRole('region', { name: 'Range and filters' })
    await filterBar.getByRole('button', { name: /^User/ }).click()
    const list = page.getByRole('group', { name: 'User filter' })
    await list.getByRole('checkbox').first().waitFor()
    expect((await list.locator('label.check').allInnerTexts()).map((t) => t.trim())).toEqual(users.values)
    const user = users.values[0]!
    await list.getByRole('checkbox', { name: user, exact: true }).check()
    await page.waitForURL((url) => url.searchParams.get('user') === user)
    await page.keyboard.press('Escape')
    await settled(page)
    const byUser = `range=30d&${TZ}&user=${encodeURIComponent(user)}`
    const summary = await target.api<Summary>('/usage/summary', byUser)
    expect(await cardExact(page, 'requests')).toBe(summary.requests)
    expect(await cardValue(page, 'cost')).toBe(formatUsd(summary.costUsd))

    // A tag: the key with the keyboard, then one of its values.
    const keys = await target.api<TagKeys>('/usage/tag-keys', byUser)
    const key = keys.keys[0]!
    const select = page.getByTestId('tag-key-select')
    await select.focus()
    await expect.poll(() => select.locator('option').count()).toBe(keys.keys.length + 1)
    await select.selectOption(key)
    const tagButton = page.getByRole('button', { name: `Tag ${key}` })
    await tagButton.focus()
    await page.keyboard.press('Enter')
    const tagList = page.getByRole('group', { name: `Tag ${key} filter` })
    const values = await target.api<Values>(`/usage/values/tag:${key}`, byUser)
    await tagList.getByRole('checkbox').first().waitFor()
    expect((await tagList.locator('label.check').allInnerTexts()).map((t) => t.trim())).toEqual(values.values)
    const value = values.values[0]!
    await page.keyboard.press('Space')
    await page.waitForURL((url) => url.searchParams.get(`tag.${key}`) === value)
    await page.keyboard.press('Escape')
    await settled(page)
    const both = await target.api<Summary>('/usage/summary', `${byUser}&tag.${key}=${encodeURIComponent(value)}`)
    expect(await cardExact(page, 'requests')).toBe(both.requests)
    expect(await page.getByRole('button', { name: `Remove filter Tag ${key} ${value}` }).isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: `Remove filter User ${user}` }).isVisible()).toBe(true)
    await page.getByRole('region', { name: 'Range and filters' }).screenshot({ path: `${SCREENSHOTS}/control-filters-desktop-light.png` })
  })
})

describe('keys page and tenant switcher (the stack, with the operator key)', () => {
  it('creates a key whose secret is shown once and works, lists it as GET /keys does and revokes it', async () => {
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
    expect(await page.getByTestId('new-secret').count()).toBe(0)

    const listed = await target.api<KeyList>('/keys', '', tenant.admin)
    const rows = page.locator('[data-testid=keys-table] tbody tr')
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-key'), tr.querySelector('td')?.textContent])))
      .toEqual(listed.items.map((k) => [k.id, k.name]))
    expect(await page.locator('[data-testid=keys-table]').innerText()).not.toContain(secret)

    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Revoke key e2e created' }).click()
    await expect
      .poll(
        async () =>
          (await fetch(`${target.baseUrl}/api/v1/usage/summary?range=today`, { headers: { Authorization: `Bearer ${secret}` } })).status,
      )
      .toBe(401)
    const revoked = (await target.api<KeyList>('/keys', '', tenant.admin)).items.find((k) => k.name === 'e2e created')!
    expect(revoked.revokedAt).not.toBeNull()
    await expect.poll(() => page.locator(`tr[data-key="${revoked.id}"]`).innerText()).toContain('revoked')
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
    expect(target.operatorKey, 'TOKENMETER_E2E_OPERATOR_KEY').not.toBeNull()
    const s = await session({ key: undefined })
    const { page } = s
    await page.goto(`/?${TZ}`)
    await page.getByLabel('API key').fill(target.operatorKey!)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const switcher = page.getByTestId('tenant-switcher')
    await switcher.waitFor()
    // Sign-in tells the operator key by the 400 naming `tenant` that a tenant's question gets without one
    // (API.md §3); Chromium logs that expected answer, and nothing else may be logged.
    const probe = /status of 400 .*\/api\/v1\/usage\/values\/provider\?range=today&limit=1\)$/
    expect(s.errors.filter((e) => !probe.test(e))).toEqual([])
    s.errors.splice(0)
    await settled(page)
    const list = await target.api<TenantList>('/tenants', 'range=30d', target.operatorKey!)
    await expect
      .poll(async () => (await switcher.locator('option').allInnerTexts()).map((t) => t.split(' — ')[0]))
      .toEqual(list.tenants.map((t) => t.name))
    const demo = list.tenants.find((t) => t.name === 'demo')!
    expect(await switcher.locator('option[value=demo]').innerText()).toBe(
      `demo — ${formatCompact(demo.requests)} req · ${formatUsd(demo.costUsd)} (30 days)`,
    )
    // Another tenant (the other browser tests' own ones, when they ran first), then back to demo.
    const other = list.tenants.find((t) => t.name !== 'demo' && t.requests > 0)
    if (other) {
      const theirs = await requestOf(page, 'summary', () => switcher.selectOption(other.name).then(() => {}))
      expect(theirs.searchParams.get('tenant')).toBe(other.name)
      await settled(page)
      const answer = await target.api<Summary>('/usage/summary', theirs.searchParams.toString(), target.operatorKey!)
      expect(await cardExact(page, 'requests')).toBe(answer.requests)
      const asked = await requestOf(page, 'summary', () => switcher.selectOption('demo').then(() => {}))
      expect(asked.searchParams.get('tenant')).toBe('demo')
    } else {
      await switcher.selectOption('demo')
    }
    await settled(page)
    const summary = await target.api<Summary>('/usage/summary', `range=7d&${TZ}&tenant=demo`, target.operatorKey!)
    expect(await cardExact(page, 'requests')).toBe(summary.requests)
    await page.locator('header.topbar').screenshot({ path: `${SCREENSHOTS}/control-tenant-switcher-desktop-light.png` })
  })
})
