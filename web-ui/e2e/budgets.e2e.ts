/**
 * Budgets in a real browser against the local stack: a fresh tenant with known spend (the events
 * carry a provider-reported cost), a budget created in the UI, and its progress bar checked against
 * `GET /budgets/{id}/status`; form validation, editing, the URL state and deleting.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatPercent, formatUsd } from '@/lib/format'
import type { Budget, BudgetAlert, BudgetStatus, Page as ApiPage } from '@/types/models'
import { closeSessions, launch, LOOKS, openKept, type Session, type SessionOptions, settled } from './browser'
import { createTenant, eventually, ingestMonthSpend, openTarget, SCREENSHOTS, type Target, type TenantKeys } from './target'

/** Provider-reported costs (they win over computed ones): $6.00 in all, 60% of a $10 limit. */
const COSTS = [1.5, 2.25, 2.25]
const SPENT = 6
const LIMIT = 10

let browser: Browser
let target: Target
let tenant: TenantKeys
const sessions: Session[] = []

describe('budgets in a browser', () => {
  beforeAll(async () => {
    target = await openTarget()
    browser = await launch()
    tenant = await createTenant(target, 'e2e-budgets')
    await ingestMonthSpend(target, tenant, COSTS, (i) => ({
      id: `e2e_budget_${i}`,
      project: i === 0 ? 'support-bot' : 'copilot',
      usage: { inputTokens: 1000 * (i + 1), outputTokens: 100 },
    }))
  })

  afterAll(async () => {
    await browser?.close()
    await target?.close()
  })

  afterEach(() => closeSessions(sessions))

  const session = (options: SessionOptions = {}) =>
    openKept(sessions, browser, target, { key: tenant.admin, timezoneId: 'Europe/Berlin' }, options)

  async function budgets(): Promise<Budget[]> {
    return (await target.api<ApiPage<Budget>>('/budgets', '', tenant.admin)).items
  }

  /** The card's bar, label and marks against the status the API answers now. */
  async function expectCardMatchesStatus(page: Page, id: string): Promise<BudgetStatus> {
    const status = await target.api<BudgetStatus>(`/budgets/${id}/status`, '', tenant.admin)
    const card = page.getByTestId(`budget-${id}`)
    await expect.poll(() => card.locator('[data-field=spent]').innerText()).toBe(formatUsd(status.spent))
    expect(await card.locator('[data-field=limit]').innerText()).toBe(formatUsd(status.limit))
    expect(await card.locator('[data-field=share]').innerText()).toBe(formatPercent(status.share))
    const bar = card.getByRole('progressbar')
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeCloseTo(status.share * 100, 1)
    const marks = await card
      .locator('.budget-mark')
      .evaluateAll((nodes) =>
        nodes.map((n) => [Number(n.getAttribute('data-threshold')), n.getAttribute('data-crossed') === 'true'] as const),
      )
    expect(marks).toEqual(status.thresholds.map((t) => [t, status.thresholdsCrossed.includes(t)]))
    return status
  }

  it('validates the form, creates a budget, and its bar shows the spend the status API answers', async () => {
    const { page } = await session()
    await page.goto('/budgets')
    await settled(page)
    await page.locator('[data-testid=budget-list][data-state=empty]').waitFor()
    await page.getByRole('button', { name: 'New budget' }).click()
    const form = page.getByTestId('budget-form')

    // Nothing filled in: the form says what is missing, beside each field, and sends nothing.
    await form.getByLabel('Alert thresholds (% of the limit)', { exact: true }).fill('50, 80, 2000')
    await form.getByRole('button', { name: 'Create budget' }).click()
    expect(await form.locator('.field-error').allInnerTexts()).toEqual([
      'A name is required',
      'A limit in USD, e.g. 500',
      '"2000" is not a whole percent from 1 to 1000',
    ])
    expect(await budgets()).toEqual([])

    await form.getByLabel('Name', { exact: true }).fill('E2E monthly')
    await form.getByLabel('Period', { exact: true }).selectOption('month')
    await form.getByLabel('Time zone', { exact: true }).selectOption('UTC')
    await form.getByLabel('Limit (USD)', { exact: true }).fill(String(LIMIT))
    await form.getByLabel('Alert thresholds (% of the limit)', { exact: true }).fill('50, 80, 100')
    await form.getByRole('button', { name: 'Create budget' }).click()
    await form.waitFor({ state: 'detached' })

    const [created] = await budgets()
    expect(created).toMatchObject({
      name: 'E2E monthly',
      period: 'month',
      tz: 'UTC',
      limitUsd: LIMIT,
      thresholds: [50, 80, 100],
      scope: {},
    })
    expect(new URL(page.url()).searchParams.get('budget')).toBe(created!.id)
    const status = await expectCardMatchesStatus(page, created!.id)
    // The known events, independently of the status API.
    expect(status.spent).toBeCloseTo(SPENT, 9)
    expect(status.share).toBeCloseTo(SPENT / LIMIT, 6)
    expect(status.thresholdsCrossed).toEqual([50])
    await page.getByTestId('budget-detail').getByText('Alert history').waitFor()

    // Back leaves the selected budget for the list, forward returns to it.
    await page.goBack()
    await page.getByTestId('budget-detail').waitFor({ state: 'detached' })
    await page.goForward()
    await page.getByTestId('budget-detail').waitFor()
  })

  it('edits the limit and the scope (a project picked from the values seen), and the bar follows', async () => {
    const [budget] = await budgets()
    const { page } = await session()
    await page.goto(`/budgets?budget=${budget!.id}`)
    await settled(page)
    await page.getByTestId('budget-detail').getByRole('button', { name: 'Edit' }).click()
    const form = page.getByTestId('budget-form')
    await form.getByLabel('Limit (USD)', { exact: true }).fill('5')
    await form.getByLabel('Alert thresholds (% of the limit)', { exact: true }).fill('10, 25, 50, 150')
    await form.getByRole('button', { name: 'Project' }).click()
    await form.getByRole('checkbox', { name: 'support-bot' }).check()
    await form.getByRole('button', { name: 'Done' }).click()
    await form.getByRole('button', { name: 'Save changes' }).click()
    await form.waitFor({ state: 'detached' })
    const [saved] = await budgets()
    expect(saved).toMatchObject({ limitUsd: 5, thresholds: [10, 25, 50, 150], scope: { project: ['support-bot'] } })
    const status = await expectCardMatchesStatus(page, budget!.id)
    // Only the support-bot event ($1.50) is in scope: 30% of $5.
    expect(status.spent).toBeCloseTo(COSTS[0]!, 9)
    expect(status.share).toBeCloseTo(0.3, 6)
    expect(status.thresholdsCrossed).toEqual([10, 25])
    expect(await page.getByTestId(`budget-${budget!.id}`).innerText()).toContain('project: support-bot')
  })

  it('lists the alerts the service raised for the budget, newest first', async () => {
    const [budget] = await budgets()
    const readAlerts = async () => (await target.api<ApiPage<BudgetAlert>>('/alerts', `budget=${budget!.id}`, tenant.admin)).items
    const { thresholdsCrossed } = await target.api<BudgetStatus>(`/budgets/${budget!.id}/status`, '', tenant.admin)
    expect(thresholdsCrossed.length).toBeGreaterThan(0)
    // The service evaluates budgets every minute (query.budgets.evaluation-interval) and raises one alert per crossed threshold.
    await eventually(
      'the service raises an alert for every crossed threshold',
      async () => {
        const raised = (await readAlerts()).filter((a) => a.kind === 'threshold').map((a) => a.threshold)
        return thresholdsCrossed.every((t) => raised.includes(t))
      },
      90_000,
    )
    const { page } = await session()
    await page.goto(`/budgets?budget=${budget!.id}`)
    await settled(page)
    const labels = await page.locator('[data-testid=alerts] tbody tr td:nth-child(2)').allInnerTexts()
    const alerts = await readAlerts()
    expect(labels).toEqual(
      alerts.map((a) => (a.kind === 'forecast' ? 'Forecast: on course to cross the limit' : `Crossed ${a.threshold}%`)),
    )
    expect(alerts.every((a) => a.budgetId === budget!.id)).toBe(true)
  }, 120_000)

  it('saves full-page screenshots: desktop and phone, light and dark', async () => {
    const [budget] = await budgets()
    for (const { device, viewport, scheme } of LOOKS) {
      const s = await session({ viewport, colorScheme: scheme })
      await s.page.goto(`/budgets?budget=${budget!.id}`)
      await settled(s.page)
      await s.page.screenshot({ path: `${SCREENSHOTS}/budgets-${device}-${scheme}.png`, fullPage: true })
    }
    const s = await session()
    await s.page.goto('/budgets?edit=new')
    await settled(s.page)
    await s.page.getByTestId('budget-form').getByRole('button', { name: 'Create budget' }).click()
    await s.page.screenshot({ path: `${SCREENSHOTS}/budget-form-desktop-light.png`, fullPage: true })
  })

  it('deletes a budget after a confirmation', async () => {
    const [budget] = await budgets()
    const { page } = await session()
    await page.goto(`/budgets?budget=${budget!.id}`)
    await settled(page)
    const detail = page.getByTestId('budget-detail')
    await detail.getByRole('button', { name: 'Delete…' }).click()
    await detail.getByRole('button', { name: 'Delete with its alerts' }).click()
    await page.locator('[data-testid=budget-list][data-state=empty]').waitFor()
    expect(await budgets()).toEqual([])
  })
})
