/**
 * What the browser tests run against. By default the running local stack; its environment:
 *
 * - TOKENMETER_E2E_URL: the query service, which also serves the UI (default http://localhost:8080)
 * - TOKENMETER_E2E_KEY: a viewer key of the tenant `demo` (required)
 * - TOKENMETER_E2E_OPERATOR_KEY: the operator key; `POST /api/v1/keys {tenant, role, name}` with it
 *   creates keys (admin, viewer, ingest) for any tenant. Tests that change settings (prices.e2e.ts,
 *   budgets.e2e.ts) create a fresh tenant of their own with it, so they need it; the dashboard test
 *   uses it for an empty tenant when TOKENMETER_E2E_EMPTY_KEY is not given.
 * - TOKENMETER_E2E_INGEST_URL: the ingest service's base URL (e.g. http://localhost:8081); tests
 *   that need known events POST them to `/api/v1/events` there with an ingest key (API.md §1).
 * - TOKENMETER_E2E_EMPTY_KEY: optional, a key of a tenant without events.
 *
 * There is no fake mode: what the service computes (costs, zones, budget periods, alerts) is what
 * these tests check, so they run against the real stack only. The unit and component tests answer
 * the UI's requests with Mock Service Worker and typed fixtures instead (src/test/api.ts).
 */
import type { Summary } from '@/types/models'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const SCREENSHOTS = `${ROOT}target/screenshots`
export const DOWNLOADS = `${ROOT}target/e2e-downloads`
mkdirSync(SCREENSHOTS, { recursive: true })
mkdirSync(DOWNLOADS, { recursive: true })

export interface Target {
  baseUrl: string
  key: string
  /** A key of a tenant without events, when there is one. */
  emptyKey: string | null
  /** The API's answer to a GET, for comparing with what the page shows. */
  api<T>(path: string, params: string, key?: string): Promise<T>
  /** The stack's operator key and ingest URL (null when not given). */
  operatorKey: string | null
  ingestUrl: string | null
  /** A fresh tenant with an admin and an ingest key (and a viewer key on request). */
  createTenant(prefix: string): Promise<TenantKeys & { viewer: () => Promise<string> }>
  /** Publishes events as HTTP ingest takes them (API.md §1). */
  ingest(ingestKey: string, events: unknown[]): Promise<void>
  close(): Promise<void>
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
  if (!key) throw new Error('Set TOKENMETER_E2E_KEY to a viewer or admin key of the stack')
  const emptyKey = await createEmptyTenantKey(baseUrl)
  const target: Target = {
    baseUrl,
    key,
    emptyKey,
    operatorKey: process.env.TOKENMETER_E2E_OPERATOR_KEY ?? null,
    ingestUrl: process.env.TOKENMETER_E2E_INGEST_URL?.replace(/\/$/, '') ?? null,
    createTenant(prefix) {
      return createStackTenant(target, prefix)
    },
    ingest(ingestKey, events) {
      return ingestOverHttp(target, ingestKey, events)
    },
    async api<T>(path: string, params: string, as = key) {
      const response = await fetch(`${baseUrl}/api/v1${path}?${params}`, { headers: { Authorization: `Bearer ${as}` } })
      if (!response.ok) throw new Error(`${path}?${params}: ${response.status} ${await response.text()}`)
      return (response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text()) as T
    },
    async close() {},
  }
  return target
}

export function openTarget(): Promise<Target> {
  return stackTarget()
}

export interface TenantKeys {
  tenant: string
  admin: string
  ingest: string
}

async function createKey(target: Target, tenant: string, role: 'admin' | 'viewer' | 'ingest'): Promise<string> {
  const response = await fetch(`${target.baseUrl}/api/v1/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${target.operatorKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant, role, name: `e2e ${role}` }),
  })
  if (!response.ok) throw new Error(`creating a ${role} key for ${tenant}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { secret: string }).secret
}

/** A fresh tenant of the test's own (`<prefix>-<timestamp>`), with an admin and an ingest key (made by the operator on the stack). */
export function createTenant(target: Target, prefix: string): Promise<TenantKeys & { viewer: () => Promise<string> }> {
  return target.createTenant(prefix)
}

/** Publishes events to the ingest service over HTTP. */
export function ingest(target: Target, ingestKey: string, events: unknown[]): Promise<void> {
  return target.ingest(ingestKey, events)
}

async function createStackTenant(target: Target, prefix: string): Promise<TenantKeys & { viewer: () => Promise<string> }> {
  if (!target.operatorKey || !target.ingestUrl) {
    throw new Error(
      'Set TOKENMETER_E2E_OPERATOR_KEY and TOKENMETER_E2E_INGEST_URL: this test creates its own tenant and ingests known events',
    )
  }
  const tenant = `${prefix}-${Date.now()}`
  const [admin, ingest] = await Promise.all([createKey(target, tenant, 'admin'), createKey(target, tenant, 'ingest')])
  return { tenant, admin, ingest, viewer: () => createKey(target, tenant, 'viewer') }
}

/** POSTs events to the ingest service's HTTP endpoint; it answers 202 once the broker has every record. */
async function ingestOverHttp(target: Target, ingestKey: string, events: unknown[]): Promise<void> {
  const response = await fetch(`${target.ingestUrl}/api/v1/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ingestKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(events),
  })
  if (response.status !== 202) throw new Error(`ingest: ${response.status} ${await response.text()}`)
}

/** Polls `check` until it answers true (events are stored asynchronously after the broker acknowledged them). */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * Stores one event per cost for a fresh tenant, a minute apart and all inside this UTC month (even in
 * its first minutes: the ingest accepts up to 5 minutes ahead), then waits until the month's summary
 * counts them. `event` gives each event's own fields (id, project, usage, ...).
 */
export async function ingestMonthSpend(
  target: Target,
  tenant: TenantKeys,
  costs: number[],
  event: (i: number) => Record<string, unknown>,
): Promise<void> {
  const now = Date.now()
  const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1)
  const time = (i: number) => new Date(Math.max(now - (costs.length + 2 - i) * 60_000, monthStart + (i + 1) * 1000)).toISOString()
  await ingest(
    target,
    tenant.ingest,
    costs.map((costUsd, i) => ({ tenant: tenant.tenant, time: time(i), provider: 'openai', model: 'gpt-4o-mini', costUsd, ...event(i) })),
  )
  await eventually(
    'the summary counts the events',
    async () => (await target.api<Summary>('/usage/summary', 'range=mtd&tz=UTC', tenant.admin)).requests === costs.length,
  )
}
