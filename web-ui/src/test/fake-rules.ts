/**
 * An in-memory stand-in for `/rules`, `/anomalies`, `/digests` and `/notices` (query service
 * RuleController), for the Rules and Alerts page tests; everything else goes to the FakeApi. Rules are
 * answered in the service's shape (RuleViews.rule: defaults filled in, channels as budgets show
 * theirs); notices, dry runs, evaluations and test sends are what a test puts in.
 */
import { vi } from 'vitest'
import type { BudgetChannel, TestSend } from '@/types/models'
import type { AnyRule, Notice, NoticeDryRun, RuleCollection, RuleEvaluateResult } from '@/types/rules'
import type { FakeApi, FakeResponse } from './fake-api'

const KINDS: Record<RuleCollection, AnyRule['kind']> = { rules: 'usage', anomalies: 'anomaly', digests: 'digest' }
const DEFAULTS: Record<RuleCollection, Record<string, unknown>> = {
  rules: { comparison: 'above', clearAfter: 1 },
  anomalies: { granularity: 'day', tz: 'UTC', k: 3, minSpendUsd: 10 },
  digests: { cadence: 'weekly', at: '09:00', tz: 'UTC', topMovers: 5 },
}

function json(body: unknown, status = 200): FakeResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(body) }
}

function problem(status: number, detail: string, parameter?: string): FakeResponse {
  return { status, contentType: 'application/problem+json', body: JSON.stringify({ status, title: 'Error', detail, parameter }) }
}

export class FakeRules {
  readonly rules: { collection: RuleCollection; rule: AnyRule }[] = []
  readonly notices: Notice[] = []
  /** What the next dry run, evaluate and test of any rule answer. */
  dryRun: NoticeDryRun = { status: {}, wouldSend: null, alreadyRaised: false }
  evaluate: RuleEvaluateResult = { raised: 0, status: {} }
  testSend: TestSend | null = null
  /** Every change (not GET) answered, with its body. */
  readonly writes: { method: string; path: string; body: unknown }[] = []
  private readonly roles: Record<string, 'admin' | 'viewer'>
  private readonly now: number
  private ids = 0

  constructor(roles: Record<string, 'admin' | 'viewer'>, now: number) {
    this.roles = roles
    this.now = now
  }

  /** Adds a rule as the service would store a POST of `body`. */
  add(collection: RuleCollection, body: Record<string, unknown>): AnyRule {
    const rule = this.view(collection, body, `rul_${++this.ids}`, new Date(this.now).toISOString())
    this.rules.push({ collection, rule })
    return rule
  }

  private view(collection: RuleCollection, body: Record<string, unknown>, id: string, createdAt: string, old?: AnyRule): AnyRule {
    const {
      channels = [],
      scope = {},
      enabled = true,
      ...settings
    } = body as { channels?: Record<string, unknown>[] } & Record<string, unknown>
    const spec = { ...DEFAULTS[collection], ...settings }
    if (collection === 'rules' && spec.clearThreshold === undefined) spec.clearThreshold = spec.threshold
    if (collection === 'digests' && spec.cadence === 'weekly') spec.day ??= 'monday'
    if (collection === 'digests' && spec.cadence === 'daily') delete spec.day
    const views: BudgetChannel[] = channels.map((c, i) => {
      const previous = old?.channels.find((o) => o.id === c.id)
      const channelId = previous?.id ?? `ch_${id}_${i}_${++this.ids}`
      return c.type === 'email'
        ? { id: channelId, type: 'email', url: null, format: 'email', hasSecret: false, recipients: c.recipients as string[] }
        : {
            id: channelId,
            type: 'webhook',
            url: c.url as string,
            format: (c.format as 'json' | 'slack') ?? 'json',
            hasSecret: !!c.secret || !!previous?.hasSecret,
            recipients: null,
          }
    })
    return {
      id,
      tenant: 'demo',
      kind: KINDS[collection],
      name: body.name,
      scope,
      enabled,
      ...spec,
      channels: views,
      createdAt,
      updatedAt: new Date(this.now).toISOString(),
    } as AnyRule
  }

  /** The answer to a rules request, or null for any other path. */
  handle(url: URL, authorization: string | null, method: string, body: string | null): FakeResponse | null {
    const path = url.pathname.replace(/^\/api\/v1/, '')
    const match = /^\/(rules|anomalies|digests)(?:\/([^/]+))?(?:\/(notices|dry-run|evaluate|test))?$/.exec(path)
    if (path !== '/notices' && !match) return null
    const role = this.roles[authorization?.replace(/^Bearer\s+/i, '') ?? '']
    if (!role) return problem(401, 'Unknown or revoked API key')
    const limit = Number(url.searchParams.get('limit') ?? 50)
    if (path === '/notices') return json({ items: this.newest(this.notices).slice(0, limit) })
    const collection = match![1] as RuleCollection
    const id = match![2]
    const verb = match![3]
    if (method !== 'GET' && role !== 'admin') return problem(403, 'A viewer key cannot do this; use an admin key of the tenant')
    if (method !== 'GET') this.writes.push({ method, path, body: body ? JSON.parse(body) : null })
    if (!id) {
      if (method === 'POST') {
        const parsed = JSON.parse(body ?? '{}') as Record<string, unknown>
        if (!parsed.name) return problem(400, 'name: is required', 'name')
        return json(this.add(collection, parsed), 201)
      }
      const items = this.rules.filter((e) => e.collection === collection).map((e) => this.masked(e.rule, role))
      return json({ items })
    }
    const entry = this.rules.find((e) => e.collection === collection && e.rule.id === id)
    if (!entry) return problem(404, `No rule ${id}`)
    if (verb === 'notices') return json({ items: this.newest(this.notices.filter((n) => n.ruleId === id)).slice(0, limit) })
    if (verb === 'dry-run') return json(this.dryRun)
    if (verb === 'evaluate') return json(this.evaluate)
    if (verb === 'test') {
      const channel = url.searchParams.get('channel')
      if (!entry.rule.channels.some((c) => c.id === channel)) return problem(400, `channel: is not a channel of ${id}`, 'channel')
      return json(this.testSend)
    }
    if (method === 'PUT') {
      entry.rule = this.view(collection, JSON.parse(body ?? '{}') as Record<string, unknown>, id, entry.rule.createdAt, entry.rule)
      return json(entry.rule)
    }
    if (method === 'DELETE') {
      this.rules.splice(this.rules.indexOf(entry), 1)
      return { status: 204, contentType: 'application/json', body: '' }
    }
    return json(this.masked(entry.rule, role))
  }

  private newest(notices: Notice[]): Notice[] {
    return [...notices].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id))
  }

  /** Viewers see a webhook's scheme, host and port only, as the service masks them. */
  private masked(rule: AnyRule, role: 'admin' | 'viewer'): AnyRule {
    if (role === 'admin') return rule
    return { ...rule, channels: rule.channels.map((c) => (c.url ? { ...c, url: `${new URL(c.url).origin}/…` } : c)) }
  }
}

/** Routes the app's fetch calls to the rules fake, and everything else to the FakeApi. */
export function useRulesFetch(api: FakeApi, rules: FakeRules): void {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    const authorization = new Headers(init?.headers).get('Authorization')
    const body = typeof init?.body === 'string' ? init.body : null
    const answer =
      rules.handle(url, authorization, init?.method?.toUpperCase() ?? 'GET', body) ??
      api.handle(url, authorization, { method: init?.method, body })
    const empty = answer.status === 204 || answer.status === 304
    return new Response(empty ? null : answer.body, {
      status: answer.status,
      headers: { 'Content-Type': answer.contentType, ...answer.headers },
    })
  })
}
