/**
 * The price-file import and the service-tier views in a real browser against the local stack: a
 * fresh tenant previews LiteLLM's committed sample, the drawn diff is the API's dry-run answer (raw →
 * rounded prices, tier and unit prices, skipped with why), applying it saves the prices the list then
 * shows with their service tiers; batch-tier events appear in the overview's cost-by-tier breakdown
 * and under the serviceTier filter exactly as the breakdown API answers.
 */
import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatCompact, formatUsd } from '@/lib/format'
import type { Breakdown, PriceImportResult, PriceList, Summary } from '@/types/models'
import { closeSessions, launch, open, settled, type Session } from './browser'
import { createTenant, eventually, ingest, openTarget, ROOT, SCREENSHOTS, type Target, type TenantKeys } from './target'

const SAMPLE = readFileSync(`${ROOT}../query-service/src/test/resources/price-import/litellm-sample.json`, 'utf8')
const DAY = 86_400_000
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

let browser: Browser
let target: Target
let tenant: TenantKeys & { viewer: () => Promise<string> }
const now = Date.now()
const sessions: Session[] = []

describe('price import and service tiers in a browser', () => {
  beforeAll(async () => {
    target = await openTarget()
    browser = await launch()
    tenant = await createTenant(target, 'e2e-import')
    const events = ['batch', 'batch', 'standard'].map((serviceTier, i) => ({
      id: `e2e_tier_${i}`,
      tenant: tenant.tenant,
      time: new Date(now - (10 - i) * 60_000).toISOString(),
      provider: 'openai',
      model: 'gpt-4o-mini',
      serviceTier,
      usage: { inputTokens: 1000, outputTokens: 1000 },
    }))
    await ingest(target, tenant.ingest, events)
    await eventually('the summary counts the events', async () => {
      const summary = await target.api<Summary>('/usage/summary', 'range=7d&tz=UTC', tenant.admin)
      return summary.requests === events.length
    })
  })

  afterAll(async () => {
    await browser?.close()
    await target?.close()
  })

  afterEach(() => closeSessions(sessions))

  it('previews the file, draws the API’s diff, applies it, and lists the prices with their tiers', async () => {
    const s = await open(browser, target, { key: tenant.admin, timezoneId: 'UTC' })
    sessions.push(s)
    const { page } = s
    await page.goto('/prices')
    await settled(page)
    const panel = page.getByTestId('price-import')
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: 'litellm-sample.json', mimeType: 'application/json', buffer: Buffer.from(SAMPLE) })
    await panel.getByLabel('Format').selectOption('litellm')
    await panel.getByLabel('Effective from (UTC)').fill(utcDate(now - DAY))
    await panel.getByRole('button', { name: 'Preview' }).click()
    await panel.getByTestId('import-diff').waitFor()

    const response = await fetch(`${target.baseUrl}/api/v1/prices/import?effectiveFrom=${utcDate(now - DAY)}&format=litellm&dryRun=true`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tenant.admin}`, 'Content-Type': 'application/json' },
      body: SAMPLE,
    })
    expect(response.status).toBe(200)
    const dry = (await response.json()) as PriceImportResult
    const counts = await panel.getByTestId('import-counts').innerText()
    expect(counts).toContain(
      `${dry.counts.added} added · ${dry.counts.changed} changed · ${dry.counts.unchanged} unchanged · ${dry.counts.skipped} skipped`,
    )
    const drawn = await panel
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-kind'), r.getAttribute('data-model')]))
    const expected = [
      ...dry.changed.map((i) => ['changed', `${i.provider}/${i.model}`]),
      ...dry.added.map((i) => ['added', `${i.provider}/${i.model}`]),
      ...dry.unchanged.map((i) => ['unchanged', `${i.provider}/${i.model}`]),
    ]
    expect(drawn).toEqual(expected)
    const search = dry.added.find((i) => i.model === 'gpt-4o-search-preview')!
    const batchLine = panel.locator('tr[data-model="openai/gpt-4o-search-preview"] li[data-price="batch input"]')
    const batchInput = search.serviceTiers.batch!.input!
    expect(await batchLine.innerText()).toContain(
      `${batchInput.raw} → ${new Intl.NumberFormat('en-US', { maximumFractionDigits: 9 }).format(batchInput.perMillion)}`,
    )
    await panel.locator('summary').click()
    expect(await panel.getByTestId('import-skipped').innerText()).toContain(dry.skipped[0]!.reason)
    await page.screenshot({ path: `${SCREENSHOTS}/prices-import-preview-desktop-light.png`, fullPage: true })

    await panel.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => panel.getByTestId('import-counts').innerText(), { timeout: 15_000 }).toContain('Applied')

    const list = await target.api<PriceList>('/prices', 'q=gpt-4o-search-preview', tenant.admin)
    const multiplier = list.items[0]!.current!.serviceTiers.batch!.multiplier!
    await page.getByTestId('price-search').fill('gpt-4o-search-preview')
    const row = page.locator('[data-testid=price-list] tr[data-model="gpt-4o-search-preview"]')
    await expect.poll(() => row.getAttribute('data-source')).toBe('override')
    expect(await row.locator('li[data-kind=batch]').innerText()).toContain(`×${multiplier} of standard`)
    expect(await page.getByTestId('provider-aliases').innerText()).toContain('google')
    await page.screenshot({ path: `${SCREENSHOTS}/prices-tiers-desktop-light.png`, fullPage: true })
  })

  it('breaks the cost down by service tier and filters on it as the API answers', async () => {
    const s = await open(browser, target, { key: tenant.admin, timezoneId: 'UTC' })
    sessions.push(s)
    const { page } = s
    await page.goto('/?range=7d')
    await settled(page)
    const breakdown = await target.api<Breakdown>('/usage/breakdown', 'by=serviceTier&sort=cost&limit=10&range=7d&tz=UTC', tenant.admin)
    expect(breakdown.rows.map((r) => r.key).sort()).toEqual(['batch', 'standard'])
    const panel = page.getByTestId('chart-service-tiers')
    await panel.getByRole('button', { name: 'Table' }).click()
    const drawn = () =>
      panel
        .locator('tbody tr:not(.row-other)')
        .evaluateAll((rows) =>
          rows.map((r) => [
            r.getAttribute('data-key'),
            (r.querySelector('[data-column=requests]') as HTMLElement).innerText.trim(),
            (r.querySelector('[data-column=costUsd]') as HTMLElement).innerText.trim(),
          ]),
        )
    await expect.poll(drawn).toEqual(breakdown.rows.map((r) => [r.key, formatCompact(r.requests), formatUsd(r.costUsd)]))
    await page.screenshot({ path: `${SCREENSHOTS}/overview-service-tier-desktop-light.png`, fullPage: true })

    await page.goto('/?range=7d&serviceTier=batch')
    await settled(page)
    const batch = await target.api<Summary>('/usage/summary', 'range=7d&tz=UTC&serviceTier=batch', tenant.admin)
    expect(batch.requests).toBe(2)
    expect(await page.getByRole('button', { name: 'Remove filter Service tier batch' }).isVisible()).toBe(true)
    await expect.poll(() => page.locator('[data-testid=card-requests] [data-field=value]').innerText()).toBe(String(batch.requests))
    await page.screenshot({ path: `${SCREENSHOTS}/overview-service-tier-filter-desktop-light.png`, fullPage: false })
  })
})
