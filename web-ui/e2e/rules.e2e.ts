/**
 * Usage rules, anomaly watches and digests in a real browser against the local stack: a fresh tenant
 * with known events (6 errors in 10 calls a minute ago, $50 of spend today against $1 at the same time
 * on each of the last 4 weeks), a webhook receiver in this test (127.0.0.1, allowed by the local
 * stack) and the stack's GreenMail. An error-rate rule is made in the form (paused, so the minute's
 * schedule cannot race the buttons), dry-run (each channel's exact payload, nothing sent), evaluated
 * now (it fires; the notice and its deliveries show on the Rules and Alerts pages as the API answers
 * them), test-sent, and resolved; an anomaly watch and a digest are made and dry-run in the UI.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { noticeRows, type RuleEntry } from '@/features/alerts/prepare/notice-rows'
import { headerLines } from '@/lib/previews'
import { dryRunTitle, emailParts, evaluateText, previewTarget } from '@/features/rules/prepare/rule-view'
import type { Page as ApiPage, Summary } from '@/types/models'
import type { AnomalyWatch, AnyRule, Digest, Notice, NoticeDryRun, RuleCollection, UsageRule } from '@/types/rules'
import { closeSessions, drawnHistory, launch, LOOKS, open, openKept, type Session, type SessionOptions } from './browser'
import { startReceiver, type Received, type Receiver } from './receiver'
import { createTenant, eventually, ingest, openTarget, SCREENSHOTS, type Target, type TenantKeys } from './target'

const SECRET = 'e2e-rules-secret-0123456789'
const DAY = 86_400_000

let browser: Browser
let target: Target
let tenant: TenantKeys & { viewer: () => Promise<string> }
let receiver: Receiver | undefined
let hookBase = ''
/** What the test receiver got: path, headers and body of each POST. */
const received: Received[] = []
const sessions: Session[] = []
let stored = 0

/** Waits until the page's panels have loaded (the Rules page is not among browser.ts's pages). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=rules-page], [data-testid=alerts-page]') !== null &&
      document.querySelectorAll('[data-state=loading], [aria-busy=true], .skeleton').length === 0,
    undefined,
    { timeout: 30_000, polling: 100 },
  )
  await page.waitForTimeout(150)
}

function event(id: string, time: number, patch: Record<string, unknown> = {}) {
  return {
    id,
    tenant: tenant.tenant,
    time: new Date(time).toISOString(),
    provider: 'openai',
    model: 'gpt-4o-mini',
    project: 'support-bot',
    usage: { inputTokens: 100, outputTokens: 10 },
    costUsd: 0,
    ...patch,
  }
}

async function publish(events: ReturnType<typeof event>[]): Promise<void> {
  await ingest(target, tenant.ingest, events)
  stored += events.length
  await eventually(
    'the summary counts the events',
    async () => (await target.api<Summary>('/usage/summary', 'range=90d&tz=UTC', tenant.admin)).requests === stored,
  )
}

describe('rules, anomalies and digests in a browser', () => {
  beforeAll(async () => {
    receiver = await startReceiver(
      (request) => received.push(request),
      () => [200, 'thanks'],
    )
    hookBase = receiver.base
    target = await openTarget()
    browser = await launch()
    tenant = await createTenant(target, 'e2e-rules')
    const now = Date.now()
    const midnight = Math.floor(now / DAY) * DAY
    // Spend: $1 at the start of this weekday 1-4 weeks ago, $50 at the start of today (UTC).
    const baseline = [1, 2, 3, 4].map((w) => event(`e2e_rule_base_${w}`, midnight + 1000 - w * 7 * DAY, { costUsd: 1 }))
    const spike = event('e2e_rule_spike', Math.min(midnight + 2000, now - 1000), { costUsd: 50 })
    // Errors: 6 of 10 calls a minute ago fail, an error rate of 0.6 over the rule's window (10 minutes) for 9 minutes.
    const calls = Array.from({ length: 10 }, (_, i) =>
      event(`e2e_rule_call_${i}`, now - 60_000 + i * 100, i < 6 ? { status: 'error', error: { type: 'server_error' } } : {}),
    )
    await publish([...baseline, spike, ...calls])
  })

  afterAll(async () => {
    await browser?.close()
    await target?.close()
    await receiver?.close()
  })

  afterEach(() => closeSessions(sessions))

  const session = (options: SessionOptions = {}) =>
    openKept(sessions, browser, target, { key: tenant.admin, timezoneId: 'Europe/Berlin' }, options)

  async function list<T extends AnyRule>(collection: RuleCollection): Promise<T[]> {
    return (await target.api<ApiPage<T>>(`/${collection}`, '', tenant.admin)).items
  }

  async function errorRule(): Promise<UsageRule> {
    return (await list<UsageRule>('rules')).find((r) => r.name === 'E2E error rate')!
  }

  async function notices(rule: AnyRule, collection: RuleCollection = 'rules'): Promise<Notice[]> {
    return (await target.api<ApiPage<Notice>>(`/${collection}/${rule.id}/notices`, '', tenant.admin)).items
  }

  /** Clicks "Dry run" and compares what the page draws with the very answer it got. */
  async function dryRun(page: Page, collection: RuleCollection, rule: AnyRule): Promise<NoticeDryRun> {
    const answer = page.waitForResponse((r) => r.url().endsWith(`/${collection}/${rule.id}/dry-run`) && r.request().method() === 'POST')
    await page.getByTestId('rule-actions').getByRole('button', { name: 'Dry run' }).click()
    const api = (await (await answer).json()) as NoticeDryRun
    const drawn = page.getByTestId('dry-run')
    // Polled: a second dry run on the page replaces the first one's drawing once its answer is in.
    await expect.poll(() => drawn.locator('[data-field=title]').innerText()).toBe(dryRunTitle(api))
    expect(await drawn.getAttribute('data-would-send')).toBe(String(api.wouldSend !== null))
    for (const preview of api.wouldSend?.deliveries ?? []) {
      const card = drawn.getByTestId(`preview-${preview.channelId}`)
      expect(await card.getAttribute('data-format')).toBe(preview.format)
      expect(await card.locator('[data-field=url]').innerText()).toBe(previewTarget(preview))
      const email = emailParts(preview)
      if (email) {
        expect(await card.locator('[data-field=subject]').innerText()).toBe(email.subject)
        expect(await card.locator('[data-field=text]').textContent()).toBe(email.text)
        expect(await card.locator('[data-field=html]').textContent()).toBe(email.html)
      } else {
        expect(await card.locator('[data-field=headers]').textContent()).toBe(headerLines(preview).join('\n'))
        expect(await card.locator('[data-field=body]').textContent()).toBe(preview.body)
      }
    }
    return api
  }

  it('creates a paused error-rate rule with a webhook and an email channel from the form', async () => {
    const { page } = await session()
    await page.goto('/rules')
    await settled(page)
    await page.getByRole('button', { name: 'New usage rule' }).click()
    const form = page.getByTestId('rule-form')
    await form.getByLabel('Name', { exact: true }).fill('E2E error rate')
    await form.getByLabel('Measure', { exact: true }).selectOption('errorRate')
    await form.getByLabel('Window', { exact: true }).selectOption('10m')
    await form.getByLabel('Threshold (%)', { exact: true }).fill('50')
    await form.getByLabel(/^Enabled/).uncheck()
    await form.getByRole('button', { name: 'Add webhook' }).click()
    await form.getByLabel('Webhook 1 URL').fill(`${hookBase}/ok`)
    await form.getByRole('button', { name: 'Create usage rule' }).click()
    expect(await form.locator('.field-error').allInnerTexts()).toEqual([
      'A json webhook needs a secret (16+ characters): it signs every delivery',
    ])
    await form.getByLabel('Webhook 1 secret').fill(SECRET)
    // The email channel, from the keyboard.
    await form.getByRole('button', { name: 'Add email' }).focus()
    await page.keyboard.press('Enter')
    await form.getByLabel('Email 2 recipients').fill('oncall@example.com')
    await page.screenshot({ path: `${SCREENSHOTS}/rule-form-desktop-light.png`, fullPage: true })
    await form.getByRole('button', { name: 'Create usage rule' }).click()
    await form.waitFor({ state: 'detached' })

    const rule = await errorRule()
    expect(rule).toMatchObject({
      kind: 'usage',
      enabled: false,
      window: '10m',
      measure: 'errorRate',
      comparison: 'above',
      threshold: 0.5,
      clearThreshold: 0.5,
      clearAfter: 1,
      scope: {},
    })
    expect(rule.channels.map((c) => [c.type, c.format, c.url, c.recipients])).toEqual([
      ['webhook', 'json', `${hookBase}/ok`, null],
      ['email', 'email', null, ['oncall@example.com']],
    ])
    const card = page.getByTestId(`rule-${rule.id}`)
    expect(await card.locator('[data-field=state]').innerText()).toBe('Paused')
    expect(new URL(page.url()).searchParams.get('rule')).toBe(rule.id)
  })

  it('dry run draws each channel’s exact payload of the notice that would fire, and sends nothing', async () => {
    const rule = await errorRule()
    const { page } = await session()
    await page.goto(`/rules?rule=${rule.id}`)
    await settled(page)
    const before = received.length
    const api = await dryRun(page, 'rules', rule)
    expect(api.wouldSend).not.toBeNull()
    expect(api.alreadyRaised).toBe(false)
    expect(api.status).toMatchObject({ value: 0.6, firing: false, transition: 'fire' })
    expect(api.wouldSend!.deliveries.map((d) => d.channelId)).toEqual(rule.channels.map((c) => c.id))
    const json = api.wouldSend!.deliveries.find((d) => d.format === 'json')!
    expect(JSON.parse(json.body)).toMatchObject({
      type: 'rule.fired',
      rule: { id: rule.id },
      measure: 'errorRate',
      value: 0.6,
      threshold: 0.5,
      test: false,
    })
    expect(Object.keys(json.headers)).toEqual(expect.arrayContaining(['X-Tokenmeter-Delivery', 'X-Tokenmeter-Signature']))
    expect(received.length).toBe(before)
    expect(await notices(rule)).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/rule-dry-run-desktop-light.png`, fullPage: true })
  })

  async function entries(): Promise<RuleEntry[]> {
    const all = await Promise.all(
      (['rules', 'anomalies', 'digests'] as const).map(async (c) => (await list(c)).map((rule) => ({ collection: c, rule }))),
    )
    return all.flat()
  }

  /** The API's notices drawn as the page must draw them; retried, since deliveries move on between the two reads. */
  async function expectNoticesMatchApi(page: Page, path: string, channel: string | null = null): Promise<Notice[]> {
    for (let attempt = 0; ; attempt++) {
      await page.reload()
      await settled(page)
      const api = (await target.api<ApiPage<Notice>>(path, 'limit=200', tenant.admin)).items
      const expected = noticeRows(api, await entries(), 'Europe/Berlin', channel).map((r) => ({
        id: r.id,
        title: r.title,
        source: r.rule,
        delivery: r.deliveryLabel,
        deliveries: r.deliveries.map((d) => ({ id: d.id, channel: d.channel, state: d.state, attempts: d.attempts, code: d.lastCode })),
      }))
      // Compared without the next attempt, as the notices always were.
      const drawn = (await drawnHistory(page, 'notice')).map(({ deliveries, ...item }) => ({
        ...item,
        deliveries: deliveries.map(({ next: _next, ...d }) => d),
      }))
      if (attempt >= 3 || JSON.stringify(drawn) === JSON.stringify(expected)) {
        expect(drawn).toEqual(expected)
        return api
      }
    }
  }

  it('evaluate now fires the rule; the notice and its deliveries show on the Rules and Alerts pages as the API answers them', async () => {
    const rule = await errorRule()
    const { page } = await session()
    await page.goto(`/rules?rule=${rule.id}`)
    await settled(page)
    const actions = page.getByTestId('rule-actions')
    await actions.getByRole('button', { name: 'Evaluate now' }).click()
    const result = actions.getByTestId('evaluate-result')
    await result.waitFor()
    expect(await result.locator('p').innerText()).toBe(evaluateText({ raised: 1, status: {} }))
    const [fired] = await notices(rule)
    expect(fired).toMatchObject({ type: 'rule.fired', occurrence: 'fire:1', notice: { value: 0.6, test: false } })
    await eventually('the webhook and the email are delivered', async () =>
      (await notices(rule))[0]!.deliveries.every((d) => d.state === 'delivered'),
    )
    const [delivered] = await notices(rule)
    expect(delivered!.deliveries.map((d) => [d.channelId, d.state, d.lastStatusCode]).sort()).toEqual(
      [
        [rule.channels[0]!.id, 'delivered', 200],
        [rule.channels[1]!.id, 'delivered', 250],
      ].sort(),
    )
    // The receiver got the notice's JSON with its delivery id.
    const hook = delivered!.deliveries.find((d) => d.channelId === rule.channels[0]!.id)!
    const got = received.find((r) => r.headers['x-tokenmeter-delivery'] === hook.deliveryId)
    expect(got).toBeDefined()
    expect(JSON.parse(got!.body)).toMatchObject({ id: fired!.id, type: 'rule.fired', test: false })

    await page.reload()
    await settled(page)
    const card = page.getByTestId(`rule-${rule.id}`)
    expect(await card.locator('[data-field=state]').innerText()).toBe('Paused (was firing)')
    expect(await page.getByTestId(`rule-notice-${fired!.id}`).locator('[data-field=delivery]').getAttribute('data-state')).toBe('delivered')

    // The Alerts page from the nav, by keyboard.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Alerts' }).focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('alerts-page').waitFor()
    await expectNoticesMatchApi(page, '/notices')
    await page.getByLabel('Rule', { exact: true }).selectOption(rule.id)
    expect(new URL(page.url()).searchParams.get('rule')).toBe(rule.id)
    expect((await expectNoticesMatchApi(page, `/rules/${rule.id}/notices`)).map((n) => n.id)).toEqual([fired!.id])
    await page.getByLabel('Rule channel', { exact: true }).selectOption(rule.channels[1]!.id)
    await expectNoticesMatchApi(page, `/rules/${rule.id}/notices`, rule.channels[1]!.id)
    expect(await page.locator(`[data-testid=notice-${fired!.id}] tbody tr`).count()).toBe(1)
    await page.screenshot({ path: `${SCREENSHOTS}/alerts-notices-filtered-desktop-light.png`, fullPage: true })
  })

  it('send test reaches the receiver marked as a test, and the email through SMTP', async () => {
    const rule = await errorRule()
    const { page } = await session()
    await page.goto(`/rules?rule=${rule.id}`)
    await settled(page)
    const actions = page.getByTestId('rule-actions')
    const before = received.length
    await actions.getByLabel('Test channel').selectOption(rule.channels[0]!.id)
    await actions.getByRole('button', { name: 'Send test' }).click()
    await expect.poll(() => actions.getByTestId('test-result').getAttribute('data-delivered')).toBe('true')
    expect(await actions.getByTestId('test-result').innerText()).toMatch(
      /^Test delivered \(HTTP 200\), delivery dlv_\S+\. Receiver said: thanks$/,
    )
    const tests = received.slice(before).map((r) => JSON.parse(r.body) as { test: boolean; type: string })
    expect(tests).toEqual([expect.objectContaining({ test: true, type: 'rule.fired' })])

    const channel = actions.getByLabel('Test channel')
    await channel.focus()
    await channel.selectOption(rule.channels[1]!.id)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(async () => actions.getByTestId('test-result').innerText()).toMatch(/^Test delivered \(SMTP 250\), delivery dlv_/)
    // Nothing recorded: the notices are as before.
    expect((await notices(rule)).length).toBe(1)
  })

  it('resolves once the error rate is back under the threshold; enabling it in the form keeps its state', async () => {
    const rule = await errorRule()
    const now = Date.now()
    await publish(Array.from({ length: 50 }, (_, i) => event(`e2e_rule_ok_${i}`, now - 30_000 + i * 10)))
    const { page } = await session()
    await page.goto(`/rules?rule=${rule.id}`)
    await settled(page)
    const actions = page.getByTestId('rule-actions')
    await actions.getByRole('button', { name: 'Evaluate now' }).click()
    await actions.getByTestId('evaluate-result').waitFor()
    expect(await actions.getByTestId('evaluate-result').locator('p').innerText()).toBe(evaluateText({ raised: 1, status: {} }))
    const [resolved, fired] = await notices(rule)
    expect(resolved).toMatchObject({ type: 'rule.resolved', occurrence: 'resolve:1', notice: { incident: 1 } })
    expect(fired!.type).toBe('rule.fired')

    await page.getByTestId('rule-detail').getByRole('button', { name: 'Edit' }).click()
    const form = page.getByTestId('rule-form')
    expect(await form.getByLabel('Threshold (%)', { exact: true }).inputValue()).toBe('50')
    expect(await form.getByLabel('Webhook 1 secret').getAttribute('placeholder')).toBe('Keep the secret')
    await form.getByLabel(/^Enabled/).check()
    await form.getByRole('button', { name: 'Save changes' }).click()
    await form.waitFor({ state: 'detached' })
    expect((await errorRule()).enabled).toBe(true)
    await settled(page)
    expect(await page.getByTestId(`rule-${rule.id}`).locator('[data-field=state]').innerText()).toBe('OK')
  })

  it('creates an anomaly watch in the form; its dry run shows the spike against the 4-week baseline and the payload', async () => {
    const { page } = await session()
    await page.goto('/rules?edit=new-anomalies')
    await settled(page)
    const form = page.getByTestId('rule-form')
    await form.getByLabel('Name', { exact: true }).fill('E2E spend spike')
    await form.getByLabel('Time zone', { exact: true }).selectOption('UTC')
    await form.getByRole('button', { name: 'Add webhook' }).click()
    await form.getByLabel('Webhook 1 URL').fill(`${hookBase}/spend`)
    await form.getByLabel('Webhook 1 format').selectOption('slack')
    await form.getByRole('button', { name: 'Create anomaly watch' }).click()
    await form.waitFor({ state: 'detached' })
    const watch = (await list<AnomalyWatch>('anomalies')).find((a) => a.name === 'E2E spend spike')!
    expect(watch).toMatchObject({ granularity: 'day', tz: 'UTC', k: 3, minSpendUsd: 10, enabled: true })
    const before = received.length

    const api = await dryRun(page, 'anomalies', watch)
    expect(api.status).toMatchObject({ spentUsd: 50, baselineUsd: [1, 1, 1, 1], anomalous: true })
    expect(api.wouldSend!.type).toBe('anomaly.spend')
    expect(JSON.parse(api.wouldSend!.deliveries[0]!.body)).toHaveProperty('text')
    expect(await page.getByTestId('dry-run-figures').innerText()).toContain('$50.00')
    // The schedule may raise it meanwhile (the watch is enabled) and deliver it; the dry run itself sends nothing.
    expect(received.slice(before).every((r) => r.path === '/spend' && r.headers['x-tokenmeter-delivery'] !== 'dlv_preview')).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/anomaly-dry-run-desktop-light.png`, fullPage: true })
  })

  it('creates a daily digest in the form; its dry run says nothing is due before its time and shows the email once it is', async () => {
    const { page } = await session()
    await page.goto('/rules?edit=new-digests')
    await settled(page)
    // The next whole minute at least 30 s away (UTC): created before it, so the digest is due once it has passed.
    const sendAt = Math.ceil((Date.now() + 30_000) / 60_000) * 60_000
    const hhmm = new Date(sendAt).toISOString().slice(11, 16)
    const form = page.getByTestId('rule-form')
    await form.getByLabel('Name', { exact: true }).fill('E2E daily digest')
    await form.getByLabel('Cadence', { exact: true }).selectOption('daily')
    await form.getByLabel('Local time', { exact: true }).fill(hhmm)
    await form.getByLabel('Time zone', { exact: true }).selectOption('UTC')
    await form.getByRole('button', { name: 'Add email' }).click()
    await form.getByLabel('Email 1 recipients').fill('finops@example.com')
    await form.getByRole('button', { name: 'Create digest' }).click()
    await form.waitFor({ state: 'detached' })
    const digest = (await list<Digest>('digests')).find((d) => d.name === 'E2E daily digest')!
    expect(digest).toMatchObject({ cadence: 'daily', at: hhmm, tz: 'UTC', topMovers: 5 })
    expect(digest).not.toHaveProperty('day')

    const early = await dryRun(page, 'digests', digest)
    expect(early).toMatchObject({ wouldSend: null, status: { due: false } })
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sendAt - Date.now() + 1000)))
    const due = await dryRun(page, 'digests', digest)
    expect(due.status).toMatchObject({ due: true })
    expect(due.wouldSend!.type).toBe('digest')
    // Yesterday (UTC) had no events of this tenant: the digest's figures are the summary's.
    const yesterday = await target.api<Summary>('/usage/summary', 'range=yesterday&tz=UTC', tenant.admin)
    expect(due.wouldSend!.notice).toMatchObject({ cadence: 'daily', current: { requests: yesterday.requests } })
    expect(emailParts(due.wouldSend!.deliveries[0]!)!.subject).toContain('E2E daily digest')
    await page.screenshot({ path: `${SCREENSHOTS}/digest-dry-run-desktop-light.png`, fullPage: true })
  })

  it('saves full-page screenshots of the Rules and Alerts pages: desktop and phone, light and dark', async () => {
    const rule = await errorRule()
    for (const { device, viewport, scheme } of LOOKS) {
      const s = await session({ viewport, colorScheme: scheme })
      await s.page.goto(`/rules?rule=${rule.id}`)
      await settled(s.page)
      await s.page.screenshot({ path: `${SCREENSHOTS}/rules-${device}-${scheme}.png`, fullPage: true })
      // The page must not be wider than the screen.
      expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width)
      await s.page.goto('/alerts')
      await settled(s.page)
      await s.page.locator('[data-testid=notice-list][data-state=ready]').waitFor()
      await s.page.screenshot({ path: `${SCREENSHOTS}/alerts-notices-${device}-${scheme}.png`, fullPage: true })
    }
  })

  it('a viewer sees the rules, their state and notices, but no form, dry run, evaluate or test', async () => {
    const rule = await errorRule()
    // Not in `sessions`: the UI tells a viewer from an admin by GET /keys, whose 403 the browser logs; nothing else may be logged.
    const { page, context, errors } = await open(browser, target, { key: await tenant.viewer(), timezoneId: 'Europe/Berlin' })
    await page.goto(`/rules?rule=${rule.id}`)
    await settled(page)
    await page.getByTestId('rule-detail').waitFor()
    expect(await page.getByTestId('read-only').count()).toBe(1)
    expect(await page.getByTestId('rule-actions').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'New usage rule' }).count()).toBe(0)
    expect(await page.getByTestId(`rule-${rule.id}`).locator('[data-field=state]').innerText()).toBe('OK')
    await page.goto('/alerts')
    await settled(page)
    expect(await page.locator('.notice-item').count()).toBeGreaterThan(1)
    await context.close()
    expect(errors.filter((e) => !/status of 403 .*\/api\/v1\/keys/.test(e))).toEqual([])
  })
})
