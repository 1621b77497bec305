/** Debian's Chromium through playwright-core (never a downloaded browser), with console errors collected. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Target } from './target'

const CHROMIUM = process.env.TOKENMETER_E2E_CHROMIUM ?? '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS })
}

export const DESKTOP = { width: 1440, height: 900 }
export const PHONE = { width: 390, height: 844 }

export interface Session {
  context: BrowserContext
  page: Page
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[]
}

export interface SessionOptions {
  viewport?: { width: number; height: number }
  colorScheme?: 'light' | 'dark'
  /** Signs in by putting the key where the sign-in form would. */
  key?: string
  timezoneId?: string
}

export async function open(browser: Browser, target: Target, options: SessionOptions = {}): Promise<Session> {
  const viewport = options.viewport ?? DESKTOP
  const context = await browser.newContext({
    baseURL: target.baseUrl,
    viewport,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    timezoneId: options.timezoneId ?? 'Europe/Berlin',
    acceptDownloads: true,
    reducedMotion: 'reduce',
  })
  if (options.key) {
    await context.addInitScript((key) => window.sessionStorage.setItem('tokenmeter.apiKey', key), options.key)
  }
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}${message.location().url ? ` (${message.location().url})` : ''}`)
  })
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`))
  return { context, page, errors }
}

/** Waits until no panel is loading or refreshing and every chart has drawn. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector(
        '[data-testid=overview], [data-testid=log], [data-testid=welcome], [data-testid=prices], [data-testid=budgets], [data-testid=keys-page], [data-testid=alerts-page]',
      ) !== null && document.querySelectorAll('[data-state=loading], [aria-busy=true], .skeleton').length === 0,
    undefined,
    { timeout: 30_000, polling: 100 },
  )
  await page.waitForTimeout(150)
}

/** Closes the sessions a test opened (emptying the list) and fails it if any saw a console error. */
export async function closeSessions(sessions: Session[]): Promise<void> {
  for (const s of sessions.splice(0)) {
    const errors = [...s.errors]
    await s.context.close()
    expect(errors, 'console errors').toEqual([])
  }
}

/** Every device and colour scheme the full-page screenshots are taken in. */
export const LOOKS = (['desktop', 'phone'] as const).flatMap((device) =>
  (['light', 'dark'] as const).map((scheme) => ({ device, viewport: device === 'desktop' ? DESKTOP : PHONE, scheme })),
)

/** One alert or notice as the Alerts page draws it, with each channel's delivery. */
export interface DrawnHistoryItem {
  id: string
  title: string | null
  /** The budget or rule that raised it. */
  source: string | null
  delivery: string | null
  deliveries: { id: string; channel: string | null; state: string | null; attempts: number; code: string | null; next: string | null }[]
}

/**
 * What the Alerts page draws of a history, item by item: `kind` 'alert' (budget alerts, source the
 * budget) or 'notice' (rule notices, source the rule).
 */
export function drawnHistory(page: Page, kind: 'alert' | 'notice'): Promise<DrawnHistoryItem[]> {
  const sourceField = kind === 'alert' ? 'budget' : 'rule'
  return page.locator(`.${kind}-item`).evaluateAll(
    (items, [prefix, field]) =>
      items.map((item) => ({
        id: item.getAttribute('data-testid')!.slice(prefix.length),
        title: item.querySelector('[data-field=title]')!.textContent,
        source: item.querySelector(`[data-field=${field}]`)!.textContent,
        delivery: item.querySelector('[data-field=delivery]')!.textContent,
        deliveries: [...item.querySelectorAll('tbody tr')].map((tr) => ({
          id: tr.getAttribute('data-testid')!.slice('delivery-'.length),
          channel: tr.querySelector('[data-field=channel]')!.textContent,
          state: tr.querySelector('[data-field=state]')!.getAttribute('data-state'),
          attempts: Number(tr.querySelector('[data-field=attempts]')!.textContent),
          code: tr.querySelector('[data-field=code]')!.textContent,
          next: tr.querySelector('[data-field=next]')!.textContent,
        })),
      })),
    [`${kind}-`, sourceField] as const,
  )
}

/** Opens a session with `defaults` overridden by `options`, kept in `sessions` for closeSessions after each test. */
export async function openKept(
  sessions: Session[],
  browser: Browser,
  target: Target,
  defaults: SessionOptions,
  options: SessionOptions = {},
): Promise<Session> {
  const s = await open(browser, target, { ...defaults, ...options })
  sessions.push(s)
  return s
}
