/**
 * Prices in a real browser against the local stack: a fresh tenant's events of a model without a
 * price are listed as unpriced; a price set in the UI and a re-pricing job started in the UI cost
 * them; the overview's cost card then shows exactly the figure API.md §2's formula gives.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatUsd } from '@/lib/format'
import type { Summary, UnpricedList } from '@/types/models'
import { closeSessions, launch, LOOKS, openKept, type Session, type SessionOptions, settled } from './browser'
import { createTenant, eventually, ingest, openTarget, SCREENSHOTS, type Target, type TenantKeys } from './target'

const MODEL = 'acme-unknown-1'
const DAY = 86_400_000
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The prices typed into the form, USD per 1M tokens; reasoning is left empty, so it falls back to output. */
const PRICE = { input: '2.5', output: '10', cachedInput: '1.25', cacheWrite: '3.75' }
const USAGES = [
  { inputTokens: 1000, cachedInputTokens: 400, cacheWriteTokens: 100, outputTokens: 500, reasoningTokens: 200 },
  { inputTokens: 2000, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 1000, reasoningTokens: 0 },
  { inputTokens: 300_000, cachedInputTokens: 100_000, cacheWriteTokens: 50_000, outputTokens: 40_000, reasoningTokens: 10_000 },
]

/** API.md §2 in exact integer arithmetic: tokens × micro-dollars per 1M tokens = 1e-12 USD. */
function expectedCost(): number {
  const micro = (usd: string) => BigInt(Math.round(Number(usd) * 1_000_000))
  const [input, output, cached, write] = [micro(PRICE.input), micro(PRICE.output), micro(PRICE.cachedInput), micro(PRICE.cacheWrite)]
  const reasoning = output
  let picoUsd = 0n
  for (const u of USAGES) {
    const plainIn = BigInt(u.inputTokens - u.cachedInputTokens - u.cacheWriteTokens)
    picoUsd +=
      plainIn * input +
      BigInt(u.cachedInputTokens) * cached +
      BigInt(u.cacheWriteTokens) * write +
      BigInt(u.outputTokens - u.reasoningTokens) * output +
      BigInt(u.reasoningTokens) * reasoning
  }
  return Number(picoUsd) / 1e12
}

let browser: Browser
let target: Target
let tenant: TenantKeys & { viewer: () => Promise<string> }
const now = Date.now()
const sessions: Session[] = []

describe('prices in a browser', () => {
  beforeAll(async () => {
    target = await openTarget()
    browser = await launch()
    tenant = await createTenant(target, 'e2e-prices')
    const events = USAGES.map((usage, i) => ({
      id: `e2e_price_${i}`,
      tenant: tenant.tenant,
      time: new Date(now - (10 - i) * 60_000).toISOString(),
      provider: 'acme',
      model: MODEL,
      endpoint: 'chat.completions',
      project: 'e2e',
      usage,
    }))
    await ingest(target, tenant.ingest, events)
    const window = `from=${new Date(now - DAY).toISOString()}&to=${new Date(now + DAY).toISOString()}&tz=UTC`
    await eventually('the summary counts the events', async () => {
      const summary = await target.api<Summary>('/usage/summary', window, tenant.admin)
      return summary.requests === USAGES.length
    })
  })

  afterAll(async () => {
    await browser?.close()
    await target?.close()
  })

  afterEach(() => closeSessions(sessions))

  const session = (key: string, options: SessionOptions = {}) => openKept(sessions, browser, target, { key, timezoneId: 'UTC' }, options)

  async function costCard(page: Page): Promise<string> {
    return (await page.locator('[data-testid=card-cost] [data-field=value]').innerText()).trim()
  }

  it('shows a viewer the lists and explains that changes need an admin key', async () => {
    const viewer = await tenant.viewer()
    const s = await session(viewer)
    await s.page.goto('/prices')
    await settled(s.page)
    await expect.poll(() => s.page.getByTestId('read-only').isVisible()).toBe(true)
    const row = s.page.locator(`[data-testid=unpriced] tr[data-model="${MODEL}"]`)
    expect(await row.getByRole('button', { name: 'Set price' }).isDisabled()).toBe(true)
    expect(await s.page.getByRole('button', { name: 'Re-price' }).isDisabled()).toBe(true)
    await s.page.screenshot({ path: `${SCREENSHOTS}/prices-viewer-desktop-light.png`, fullPage: false })
    // The page learns the role from GET /keys, which a viewer may not read: that one 403 is expected.
    s.errors.splice(0, s.errors.length, ...s.errors.filter((e) => !/status of 403.*\/api\/v1\/keys/.test(e)))
  })

  it('sets a price for an unpriced model, re-prices, and the overview shows the exact cost', async () => {
    const unpriced = await target.api<UnpricedList>('/prices/unpriced', '', tenant.admin)
    expect(unpriced.items.map((m) => [m.model, m.events])).toEqual([[MODEL, USAGES.length]])

    const { page } = await session(tenant.admin)
    await page.goto('/prices')
    await settled(page)
    const row = page.locator(`[data-testid=unpriced] tr[data-model="${MODEL}"]`)
    await expect.poll(() => row.innerText()).toContain('3')
    await row.getByRole('button', { name: 'Set price' }).click()
    const form = page.getByTestId('price-form')
    await form.locator('input[name=input]').fill(PRICE.input)
    await form.locator('input[name=output]').fill(PRICE.output)
    await form.locator('input[name=cachedInput]').fill(PRICE.cachedInput)
    await form.locator('input[name=cacheWrite]').fill(PRICE.cacheWrite)
    await form.locator('input[name=effectiveFrom]').fill(utcDate(now - DAY))
    await form.getByRole('button', { name: 'Save price' }).click()
    await row.locator('.tag', { hasText: 'priced now' }).waitFor({ timeout: 15_000 })

    // The tenant's price is in the list, marked as its own.
    await page.getByTestId('price-search').fill('acme-unknown')
    const listed = page.locator(`[data-testid=price-list] tr[data-model="${MODEL}"]`)
    await expect.poll(() => listed.getAttribute('data-source')).toBe('override')
    expect(await listed.innerText()).toContain('$2.50')
    expect(new URL(page.url()).searchParams.get('q')).toBe('acme-unknown')

    const reprice = page.getByTestId('reprice')
    await reprice.locator('input[name=from]').fill(utcDate(now - DAY))
    await reprice.locator('input[name=to]').fill(utcDate(now + 2 * DAY))
    await reprice.getByRole('button', { name: 'Re-price' }).click()
    const job = page.getByTestId('job')
    await page.locator('[data-testid=job][data-state=done]').waitFor({ timeout: 60_000 })
    expect(await job.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    expect(await job.innerText()).toMatch(/3 events examined, 3 re-priced/)
    expect(new URL(page.url()).searchParams.get('job')).toMatch(/^job_/)
    // Invalidated after the job: nothing is unpriced any more.
    await page.locator('[data-testid=unpriced][data-state=empty]').waitFor({ timeout: 10_000 })

    const expected = expectedCost()
    const params = `from=${utcDate(now - DAY)}&to=${utcDate(now + DAY)}&tz=UTC`
    const summary = await target.api<Summary>('/usage/summary', params, tenant.admin)
    expect(Math.abs(summary.costUsd - expected)).toBeLessThan(1e-9)
    expect(summary.unpricedRequests).toBe(0)

    // To the overview through the shell's link, then the range of the events; back returns to prices.
    await page.getByRole('link', { name: 'Overview' }).click()
    await page.goto(`/?from=${utcDate(now - DAY)}&to=${utcDate(now)}&tz=UTC`)
    await settled(page)
    expect(await costCard(page)).toBe(formatUsd(expected))
    expect(await costCard(page)).toBe(formatUsd(summary.costUsd))
  })

  it('keeps the search and provider filter in the URL, and back returns to the previous page', async () => {
    const { page } = await session(tenant.admin)
    await page.goto('/prices?provider=anthropic')
    await settled(page)
    const providers = await page.locator('[data-testid=price-list] tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''))
    expect(providers.length).toBeGreaterThan(0)
    expect(providers.every((text) => text.startsWith('anthropic/'))).toBe(true)
    await page.getByRole('link', { name: 'Budgets' }).click()
    await page.getByTestId('budgets').waitFor()
    await page.goBack()
    await page.getByTestId('price-list').waitFor()
    expect(new URL(page.url()).searchParams.getAll('provider')).toEqual(['anthropic'])
  })

  it('saves full-page screenshots: desktop and phone, light and dark', async () => {
    // A second model without a price, so the screenshots show the list as well as the priced one.
    await ingest(target, tenant.ingest, [
      {
        id: 'e2e_price_shot',
        tenant: tenant.tenant,
        time: new Date(now - 60_000).toISOString(),
        provider: 'acme',
        model: 'acme-unknown-2',
        usage: { inputTokens: 5000, outputTokens: 800 },
      },
    ])
    await eventually('the second model is listed as unpriced', async () => {
      const unpriced = await target.api<UnpricedList>('/prices/unpriced', '', tenant.admin)
      return unpriced.items.some((m) => m.model === 'acme-unknown-2')
    })
    for (const { device, viewport, scheme } of LOOKS) {
      const s = await session(tenant.admin, { viewport, colorScheme: scheme })
      await s.page.goto('/prices')
      await settled(s.page)
      await s.page.screenshot({ path: `${SCREENSHOTS}/prices-${device}-${scheme}.png`, fullPage: true })
    }
  })
})
