/**
 * Alerts in a real browser against the local stack: a fresh tenant with known spend ($6), a budget
 * made in the UI with two webhooks (a receiver in this test that accepts, one that answers 500) and
 * an email channel (the stack's GreenMail), the daily policy and the hard flag; then the budget's dry
 * run, evaluate now and send test, and the Alerts page with its filters, each compared with the API.
 * Webhooks to this machine need `127.0.0.1` in TOKENMETER_OUTBOUND_ALLOW (deploy/local/start adds it).
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { alertRows } from '@/features/alerts/prepare/alert-rows'
import { alreadyRaisedText, evaluateText, previewSections } from '@/features/budgets/prepare/actions'
import type { Budget, BudgetAlert, DryRun, Page as ApiPage } from '@/types/models'
import { closeSessions, drawnHistory, launch, LOOKS, open, openKept, type Session, type SessionOptions, settled } from './browser'
import { startReceiver, type Receiver } from './receiver'
import { createTenant, eventually, ingestMonthSpend, openTarget, SCREENSHOTS, type Target, type TenantKeys } from './target'

const COSTS = [1.5, 2.25, 2.25]
const SECRET = 'e2e-alerts-secret-0123456789'

let browser: Browser
let target: Target
let tenant: TenantKeys & { viewer: () => Promise<string> }
let receiver: Receiver | undefined
let hookBase = ''
/** Bodies the test receiver got, by path. */
const received: Record<string, string[]> = { '/ok': [], '/down': [] }
const sessions: Session[] = []

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${target.baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${tenant.admin}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

describe('alerts in a browser', () => {
  beforeAll(async () => {
    receiver = await startReceiver(
      ({ path, body }) => received[path]?.push(body),
      (path) => (path === '/ok' ? [200, 'thanks'] : [500, 'receiver is down']),
    )
    hookBase = receiver.base
    target = await openTarget()
    browser = await launch()
    tenant = await createTenant(target, 'e2e-alerts')
    await ingestMonthSpend(target, tenant, COSTS, (i) => ({
      id: `e2e_alert_${i}`,
      project: 'support-bot',
      usage: { inputTokens: 100, outputTokens: 10 },
    }))
  })

  afterAll(async () => {
    await browser?.close()
    await target?.close()
    await receiver?.close()
  })

  afterEach(() => closeSessions(sessions))

  const session = (options: SessionOptions = {}) =>
    openKept(sessions, browser, target, { key: tenant.admin, timezoneId: 'Europe/Berlin' }, options)

  async function budgets(): Promise<Budget[]> {
    return (await target.api<ApiPage<Budget>>('/budgets', '', tenant.admin)).items
  }

  async function mainBudget(): Promise<Budget> {
    return (await budgets()).find((b) => b.name === 'E2E alerts')!
  }

  it('creates a budget with webhooks, an email channel, the 24 h policy and the hard flag from the form', async () => {
    const { page } = await session()
    await page.goto('/budgets?edit=new')
    await settled(page)
    const form = page.getByTestId('budget-form')
    await form.getByLabel('Name', { exact: true }).fill('E2E alerts')
    await form.getByLabel('Time zone', { exact: true }).selectOption('UTC')
    await form.getByLabel('Limit (USD)', { exact: true }).fill('10')
    await form.getByLabel('Alert thresholds (% of the limit)', { exact: true }).fill('50')
    await form.getByLabel(/Alert when the pace/).uncheck()
    await form.getByLabel('How often', { exact: true }).selectOption('daily')
    await form.getByLabel(/Hard limit/).check()
    await form.getByRole('button', { name: 'Add webhook' }).click()
    await form.getByLabel('Webhook 1 URL').fill(`${hookBase}/ok`)
    await form.getByLabel('Webhook 1 secret').fill(SECRET)
    await form.getByRole('button', { name: 'Add webhook' }).click()
    await form.getByLabel('Webhook 2 URL').fill(`${hookBase}/down`)
    await form.getByLabel('Webhook 2 format').selectOption('slack')
    // The email channel, reached and filled from the keyboard.
    await form.getByRole('button', { name: 'Add email' }).focus()
    await page.keyboard.press('Enter')
    await form.getByLabel('Email 3 recipients').fill('finops@example.com, not-an-address')
    await form.getByRole('button', { name: 'Create budget' }).click()
    expect(await form.locator('.field-error').allInnerTexts()).toEqual([
      '"not-an-address" is not an email address such as finops@example.com',
    ])
    await form.getByLabel('Email 3 recipients').fill('finops@example.com; cto@example.com')
    await page.screenshot({ path: `${SCREENSHOTS}/budget-form-channels-desktop-light.png`, fullPage: true })
    await form.getByRole('button', { name: 'Create budget' }).click()
    await form.waitFor({ state: 'detached' })

    const created = await mainBudget()
    expect(created).toMatchObject({ notify: 'daily', hard: true, limitUsd: 10, thresholds: [50] })
    expect(created.channels.map((c) => [c.type, c.format, c.url, c.recipients])).toEqual([
      ['webhook', 'json', `${hookBase}/ok`, null],
      ['webhook', 'slack', `${hookBase}/down`, null],
      ['email', 'email', null, ['finops@example.com', 'cto@example.com']],
    ])
    // Editing shows what was saved.
    await page.getByTestId('budget-detail').getByRole('button', { name: 'Edit' }).click()
    const edit = page.getByTestId('budget-form')
    expect(await edit.getByLabel('How often', { exact: true }).inputValue()).toBe('daily')
    expect(await edit.getByLabel(/Hard limit/).isChecked()).toBe(true)
    expect(await edit.getByLabel('Email 3 recipients').inputValue()).toBe('finops@example.com, cto@example.com')
    await edit.getByRole('button', { name: 'Cancel' }).click()
  })

  it('dry run draws each channel’s exact payload as the API answers it, without sending', async () => {
    const budget = await mainBudget()
    const { page } = await session()
    await page.goto(`/budgets?budget=${budget.id}`)
    await settled(page)
    const before = received['/ok']!.length + received['/down']!.length
    // The very answer the page got, so the ids, signatures and times it draws must be exactly these.
    const answer = page.waitForResponse((r) => r.url().endsWith(`/budgets/${budget.id}/dry-run`) && r.request().method() === 'POST')
    await page.getByTestId('budget-actions').getByRole('button', { name: 'Dry run' }).click()
    const api = (await (await answer).json()) as DryRun
    const drawn = page.getByTestId('dry-run')
    await drawn.waitFor()
    const sections = previewSections(api)
    expect(sections.length).toBe(1)
    expect(await drawn.locator('h5').allInnerTexts()).toEqual(sections.map((s) => s.title))
    expect((await drawn.getByTestId('already-raised').count()) > 0 ? await drawn.getByTestId('already-raised').innerText() : null).toBe(
      alreadyRaisedText(api),
    )
    expect(sections[0]!.previews.map((p) => p.channelId).sort()).toEqual(budget.channels.map((c) => c.id).sort())
    for (const preview of sections[0]!.previews) {
      const card = drawn.getByTestId(`preview-${preview.channelId}`)
      expect(await card.getAttribute('data-format')).toBe(preview.format)
      expect(await card.locator('[data-field=url]').innerText()).toBe(preview.format === 'email' ? preview.to!.join(', ') : preview.url)
      expect(await card.locator('[data-field=headers]').textContent()).toBe(
        Object.entries(preview.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      )
      if (preview.email) {
        expect(await card.locator('[data-field=subject]').innerText()).toBe(preview.email.subject)
        expect(await card.locator('[data-field=text]').textContent()).toBe(preview.email.text)
        expect(await card.locator('[data-field=html]').textContent()).toBe(preview.email.html)
      } else {
        const body = (await card.locator('[data-field=body]').textContent())!
        expect(body).toBe(preview.body)
        if (preview.format === 'json') {
          expect(JSON.parse(body)).toMatchObject({ budget: { id: budget.id }, threshold: 50, spent: 6, limit: 10, test: false })
        } else {
          expect(JSON.parse(body)).toHaveProperty('text')
        }
      }
    }
    expect(received['/ok']!.length + received['/down']!.length).toBe(before)
    await page.screenshot({ path: `${SCREENSHOTS}/budget-dry-run-desktop-light.png`, fullPage: true })
  })

  it('evaluate now raises the alert into the outbox; send test reports what each receiver answered', async () => {
    const budget = await mainBudget()
    const { page } = await session()
    await page.goto(`/budgets?budget=${budget.id}`)
    await settled(page)
    const actions = page.getByTestId('budget-actions')
    await actions.getByRole('button', { name: 'Evaluate now' }).click()
    const result = actions.getByTestId('evaluate-result')
    await result.waitFor()
    const alerts = (await target.api<ApiPage<BudgetAlert>>('/alerts', `budget=${budget.id}`, tenant.admin)).items
    expect(alerts.map((a) => [a.kind, a.threshold])).toEqual([['threshold', 50]])
    // Raised by this click, or a moment before by the minute's schedule: either way the text is the API's.
    const text = await result.innerText()
    expect([evaluateText({ raised: 1, status: {} as never }), evaluateText({ raised: 0, status: {} as never })]).toContain(text)

    const down = budget.channels[1]!
    const email = budget.channels[2]!
    const channel = actions.getByLabel('Test channel')
    await channel.selectOption(down.id)
    const downBefore = received['/down']!.length
    await actions.getByRole('button', { name: 'Send test' }).click()
    await expect.poll(() => actions.getByTestId('test-result').getAttribute('data-delivered')).toBe('false')
    expect(await actions.getByTestId('test-result').innerText()).toMatch(
      /^Test not delivered \(HTTP 500\): HTTP 500\. Receiver said: receiver is down/,
    )
    expect(received['/down']!.length).toBeGreaterThan(downBefore)
    // The raised alert's own delivery may be retried to /down meanwhile: the test message is among the new ones.
    expect(received['/down']!.slice(downBefore).some((body) => body.includes('[TEST]'))).toBe(true)

    await channel.focus()
    await channel.selectOption(email.id)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => actions.getByTestId('test-result').getAttribute('data-delivered')).toBe('true')
    expect(await actions.getByTestId('test-result').innerText()).toMatch(/^Test delivered \(SMTP 250\), delivery dlv_/)
    await page.screenshot({ path: `${SCREENSHOTS}/budget-test-send-desktop-light.png`, fullPage: true })
  })

  async function expectPageMatchesApi(page: Page, params: string) {
    const all = await budgets()
    for (let attempt = 0; ; attempt++) {
      await page.reload()
      await settled(page)
      const api = (await target.api<ApiPage<BudgetAlert>>('/alerts', `${params}${params ? '&' : ''}limit=200`, tenant.admin)).items
      const expected = alertRows(api, all, 'Europe/Berlin').map((r) => ({
        id: r.id,
        title: r.title,
        source: r.budget,
        delivery: r.deliveryLabel,
        deliveries: r.deliveries.map((d) => ({
          id: d.id,
          channel: d.channel,
          state: d.state,
          attempts: d.attempts,
          code: d.lastCode,
          next: d.nextAttempt,
        })),
      }))
      const drawn = await drawnHistory(page, 'alert')
      if (attempt >= 3 || JSON.stringify(drawn) === JSON.stringify(expected)) {
        expect(drawn).toEqual(expected)
        return api
      }
    }
  }

  it('the Alerts page shows every alert with each channel’s delivery, filtered by budget and channel', async () => {
    const budget = await mainBudget()
    const [ok, down, email] = budget.channels
    // A second budget without channels, crossed too: its alert is recorded with nothing to send.
    const other = (await (
      await send('POST', '/budgets', { name: 'E2E quiet', period: 'month', tz: 'UTC', limitUsd: 5, thresholds: [10], forecast: false })
    ).json()) as Budget
    expect((await send('POST', `/budgets/${other.id}/evaluate`)).status).toBe(200)
    await eventually('the accepting webhook and the email are delivered, the failing one retried', async () => {
      const alert = (await target.api<ApiPage<BudgetAlert>>('/alerts', `budget=${budget.id}`, tenant.admin)).items.find(
        (a) => a.threshold === 50,
      )
      const state = (id: string) => alert?.deliveries.find((d) => d.channelId === id)
      return state(ok!.id)?.state === 'delivered' && state(email!.id)?.state === 'delivered' && state(down!.id)?.state === 'failed'
    })

    const { page } = await session()
    await page.goto('/')
    // The nav link, from the keyboard.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Alerts' }).focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('alerts-page').waitFor()
    expect(new URL(page.url()).pathname).toBe('/alerts')
    const all = await expectPageMatchesApi(page, '')
    expect(all.map((a) => a.budgetId).sort()).toEqual([budget.id, other.id].sort())
    const mine = all.find((a) => a.budgetId === budget.id)!
    expect(mine.deliveries.map((d) => [d.channelId, d.state, d.lastStatusCode])).toEqual(
      expect.arrayContaining([
        [ok!.id, 'delivered', 200],
        [email!.id, 'delivered', 250],
      ]),
    )
    expect(mine.deliveries.find((d) => d.channelId === down!.id)).toMatchObject({ state: 'failed', lastStatusCode: 500 })
    expect(
      await page
        .getByTestId(`alert-${all.find((a) => a.budgetId === other.id)!.id}`)
        .locator('[data-field=delivery]')
        .innerText(),
    ).toBe('Not sent')

    await page.getByLabel('Budget', { exact: true }).selectOption(budget.id)
    expect(new URL(page.url()).searchParams.get('budget')).toBe(budget.id)
    expect((await expectPageMatchesApi(page, `budget=${budget.id}`)).map((a) => a.id)).toEqual([mine.id])
    const channelFilter = page.getByLabel('Channel', { exact: true })
    expect(await channelFilter.locator('option').allInnerTexts()).toEqual([
      'All channels',
      `E2E alerts · JSON webhook ${hookBase}/ok`,
      `E2E alerts · Slack webhook ${hookBase}/down`,
      'E2E alerts · Email to finops@example.com, cto@example.com',
    ])
    await channelFilter.selectOption(email!.id)
    const byChannel = await expectPageMatchesApi(page, `budget=${budget.id}&channel=${email!.id}`)
    expect(byChannel[0]!.deliveries.map((d) => d.channelId)).toEqual([email!.id])
    await page.screenshot({ path: `${SCREENSHOTS}/alerts-filtered-desktop-light.png`, fullPage: true })

    await page.getByRole('button', { name: 'Show all' }).click()
    await expectPageMatchesApi(page, '')
  })

  it('saves full-page screenshots of the Alerts page: desktop and phone, light and dark', async () => {
    for (const { device, viewport, scheme } of LOOKS) {
      const s = await session({ viewport, colorScheme: scheme })
      await s.page.goto('/alerts')
      await settled(s.page)
      await s.page.locator('[data-testid=alert-list][data-state=ready]').waitFor()
      await s.page.screenshot({ path: `${SCREENSHOTS}/alerts-${device}-${scheme}.png`, fullPage: true })
    }
  })

  it('a viewer sees the alerts but no dry run, evaluate or test buttons', async () => {
    const budget = await mainBudget()
    // Not in `sessions`: the UI tells a viewer from an admin by GET /keys, whose 403 the browser logs; nothing else may be logged.
    const { page, context, errors } = await open(browser, target, { key: await tenant.viewer(), timezoneId: 'Europe/Berlin' })
    await page.goto(`/budgets?budget=${budget.id}`)
    await settled(page)
    await page.getByTestId('budget-detail').waitFor()
    expect(await page.getByTestId('budget-actions').count()).toBe(0)
    await page.goto('/alerts')
    await settled(page)
    expect(await page.locator('.alert-item').count()).toBeGreaterThan(0)
    await context.close()
    expect(errors.filter((e) => !/status of 403 .*\/api\/v1\/keys/.test(e))).toEqual([])
  })
})
