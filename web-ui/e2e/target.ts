/**
 * What the browser tests run against. By default the running local stack
 * (TOKENMETER_E2E_URL, default http://localhost:8080, key TOKENMETER_E2E_KEY). With
 * TOKENMETER_E2E_FAKE=1, the built UI (dist/) is served by `vite preview` and every /api call
 * is answered in the browser by the in-memory fake API over 30 days of demo events: the way to
 * run these tests before the stack serves the UI.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'
import { demoEvents } from '@/test/demo-events'
import { FakeApi } from '@/test/fake-api'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const SCREENSHOTS = `${ROOT}target/screenshots`
export const DOWNLOADS = `${ROOT}target/e2e-downloads`
mkdirSync(SCREENSHOTS, { recursive: true })
mkdirSync(DOWNLOADS, { recursive: true })

export interface Target {
  kind: 'stack' | 'fake'
  baseUrl: string
  key: string
  /** A key of a tenant without events, when there is one. */
  emptyKey: string | null
  /** The API's answer to a GET, for comparing with what the page shows. */
  api<T>(path: string, params: string, key?: string): Promise<T>
  /** Lets the page reach the API (routes /api to the fake in fake mode). */
  attach(page: Page): Promise<void>
  close(): Promise<void>
}

const FAKE_KEY = 'e2e-viewer-key'
const FAKE_EMPTY_KEY = 'e2e-empty-key'

async function fakeTarget(): Promise<Target> {
  const api = new FakeApi({ [FAKE_KEY]: { events: demoEvents({ now: Date.now(), days: 30, perDay: 400 }) }, [FAKE_EMPTY_KEY]: { events: [] } })
  const server: PreviewServer = await preview({ root: ROOT, logLevel: 'warn', preview: { port: 0, host: '127.0.0.1', strictPort: false } })
  const baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '')
  if (!baseUrl) throw new Error('vite preview did not report its URL')
  return {
    kind: 'fake',
    baseUrl,
    key: FAKE_KEY,
    emptyKey: FAKE_EMPTY_KEY,
    async api<T>(path: string, params: string, key = FAKE_KEY) {
      const answer = api.handle(new URL(`${baseUrl}/api/v1${path}?${params}`), `Bearer ${key}`)
      if (answer.status !== 200) throw new Error(`${path}?${params}: ${answer.status} ${answer.body}`)
      return (answer.contentType.includes('json') ? JSON.parse(answer.body) : answer.body) as T
    },
    async attach(page) {
      await page.route('**/api/v1/**', async (route) => {
        const request = route.request()
        const answer = api.handle(new URL(request.url()), request.headers().authorization ?? null)
        await route.fulfill({ status: answer.status, contentType: answer.contentType, body: answer.body, headers: answer.headers })
      })
    },
    close: () => server.close(),
  }
}

async function createEmptyTenantKey(baseUrl: string): Promise<string | null> {
  const fromEnv = process.env.TOKENMETER_E2E_EMPTY_KEY
  if (fromEnv) return fromEnv
  const operator = process.env.TOKENMETER_E2E_OPERATOR_KEY
  if (!operator) return null
  const response = await fetch(`${baseUrl}/api/v1/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: `e2e-empty-${Date.now()}`, role: 'viewer', name: 'e2e empty tenant' }),
  })
  if (!response.ok) throw new Error(`creating a key for an empty tenant: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { secret: string }).secret
}

async function stackTarget(): Promise<Target> {
  const baseUrl = (process.env.TOKENMETER_E2E_URL ?? 'http://localhost:8080').replace(/\/$/, '')
  const key = process.env.TOKENMETER_E2E_KEY
  if (!key) throw new Error('Set TOKENMETER_E2E_KEY to a viewer or admin key of the stack (or TOKENMETER_E2E_FAKE=1 to run against the fake API)')
  const emptyKey = await createEmptyTenantKey(baseUrl)
  return {
    kind: 'stack',
    baseUrl,
    key,
    emptyKey,
    async api<T>(path: string, params: string, as = key) {
      const response = await fetch(`${baseUrl}/api/v1${path}?${params}`, { headers: { Authorization: `Bearer ${as}` } })
      if (!response.ok) throw new Error(`${path}?${params}: ${response.status} ${await response.text()}`)
      return (response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text()) as T
    },
    async attach() {},
    async close() {},
  }
}

export function openTarget(): Promise<Target> {
  return process.env.TOKENMETER_E2E_FAKE === '1' ? fakeTarget() : stackTarget()
}
