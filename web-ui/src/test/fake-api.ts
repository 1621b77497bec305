/**
 * An in-memory stand-in for the query API (API.md §3) over a list of events, for component tests
 * and for browser tests until the local stack serves the UI. It keeps the contract's rules that
 * the UI relies on: unknown parameters are a 400 naming them, ranges and buckets are local to
 * `tz`, filters OR within and AND across dimensions, keyset-like cursors, problem+json errors.
 * Percentiles are exact here (the service estimates them from latency buckets).
 */
import type { Breakdown, BreakdownRow, Dimension, EventPage, Summary, TimelinePoint, UsageEvent } from '@/types/models'
import { round6 } from './demo-events'
import {
  budgetStatus,
  emptySettings,
  FakeProblem,
  parseBudget,
  priceList,
  putPrice,
  readJob,
  startReprice,
  storeEvent,
  unpriced,
  type SettingsState,
} from './fake-settings'
import { formatZoned, midnightOf, startOfDay, startOfMonth, startOfWeek } from './zoned'

export interface FakeResponse {
  status: number
  contentType: string
  body: string
  headers?: Record<string, string>
}

export interface FakeTenant {
  events: UsageEvent[]
  /** Viewer unless given: reads everything, changes nothing. */
  role?: 'viewer' | 'admin' | 'ingest'
  /** Prices, jobs, budgets and alerts; give two keys the same object to make them one tenant. */
  settings?: SettingsState
  tenant?: string
}

export interface FakeRequest {
  method?: string
  body?: string | null
}

const COMMON = [
  'range',
  'from',
  'to',
  'tz',
  'tenant',
  'provider',
  'model',
  'project',
  'apiKey',
  'endpoint',
  'status',
  'user',
  'serviceTier',
]
const DIMENSIONS: Dimension[] = ['provider', 'model', 'project', 'apiKey', 'endpoint', 'status', 'serviceTier']

class BadParameter extends Error {
  readonly parameter: string

  constructor(parameter: string, detail: string) {
    super(detail)
    this.parameter = parameter
  }
}

function problem(status: number, title: string, detail: string, parameter?: string): FakeResponse {
  return {
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title, status, detail, ...(parameter ? { parameter } : {}) }),
  }
}

function json(body: unknown): FakeResponse {
  return { status: 200, contentType: 'application/json', body: JSON.stringify(body) }
}

function check(params: URLSearchParams, extra: string[]): void {
  for (const name of params.keys()) {
    if (!COMMON.includes(name) && !extra.includes(name) && !name.startsWith('tag.')) {
      throw new BadParameter(name, 'is not a parameter of this endpoint')
    }
  }
}

function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name)
  if (values.length > 1) throw new BadParameter(name, 'may be given only once')
  return values[0]?.trim() || null
}

function integer(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const text = single(params, name)
  if (text === null) return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < min || n > max) throw new BadParameter(name, `must be an integer from ${min} to ${max}`)
  return n
}

interface Range {
  from: number
  to: number
  zone: string
}

function zoneOf(params: URLSearchParams): string {
  const zone = single(params, 'tz') ?? 'UTC'
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
  } catch {
    throw new BadParameter('tz', `'${zone}' is not an IANA zone`)
  }
  return zone
}

function instant(text: string, zone: string, name: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return midnightOf(text, zone)
  const t = Date.parse(text)
  if (Number.isNaN(t)) throw new BadParameter(name, 'must be a date YYYY-MM-DD or an RFC 3339 instant')
  return t
}

export class FakeApi {
  private readonly tenants: Map<string, FakeTenant>
  private readonly now: () => number
  /** Every request the fake answered, for tests that check what the UI asked. */
  readonly requests: URL[] = []
  /** The status of every answer, in order. */
  readonly statuses: number[] = []
  /** Paths (e.g. '/usage/summary') whose next N answers are a 500, to test error states. */
  readonly failures = new Map<string, number>()
  /** The next answer to `METHOD /path` (e.g. 'POST /budgets'), to test how the UI shows a refusal. */
  readonly problems = new Map<string, { status: number; detail: string; parameter?: string }>()
  /** Every change (not GET) the fake answered, with its body, in order. */
  readonly writes: { method: string; path: string; body: unknown }[] = []

  constructor(tenants: Record<string, FakeTenant>, now: () => number = Date.now) {
    this.tenants = new Map(Object.entries(tenants))
    this.now = now
  }

  handle(url: URL, authorization: string | null, request: FakeRequest = {}): FakeResponse {
    const answer = this.answer(url, authorization, request)
    this.requests.push(url)
    this.statuses.push(answer.status)
    return answer
  }

  private answer(url: URL, authorization: string | null, request: FakeRequest): FakeResponse {
    const path = url.pathname.replace(/^\/api\/v1/, '')
    const method = request.method?.toUpperCase() ?? 'GET'
    const failing = this.failures.get(path) ?? 0
    if (failing > 0) {
      this.failures.set(path, failing - 1)
      return problem(500, 'Internal Server Error', 'The database did not answer in time')
    }
    const key = authorization?.replace(/^Bearer\s+/i, '').trim()
    if (!key) return problem(401, 'Unauthorized', 'An API key is required: Authorization: Bearer <key>')
    const tenant = this.tenants.get(key)
    if (!tenant) return problem(401, 'Unauthorized', 'Unknown or revoked API key')
    if (tenant.role === 'ingest') return problem(403, 'Forbidden', 'An ingest key publishes events and reads nothing')
    const planned = this.problems.get(`${method} ${path}`)
    if (planned) {
      this.problems.delete(`${method} ${path}`)
      return problem(
        planned.status,
        planned.status === 400 ? 'Bad parameter' : 'Error',
        planned.parameter ? `${planned.parameter}: ${planned.detail}` : planned.detail,
        planned.parameter,
      )
    }
    try {
      if (method !== 'GET') {
        if (tenant.role !== 'admin')
          throw new FakeProblem(403, `A ${tenant.role ?? 'viewer'} key cannot do this; use an admin key of the tenant`)
        const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {}
        this.writes.push({ method, path, body })
        return this.change(method, path, body, tenant)
      }
      const settings = this.settingsRoute(path, url.searchParams, tenant)
      return settings ?? this.route(path, url.searchParams, tenant.events)
    } catch (error) {
      if (error instanceof BadParameter) return problem(400, 'Bad Request', error.message, error.parameter)
      if (error instanceof FakeProblem) {
        return problem(
          error.status,
          error.status === 400 ? 'Bad parameter' : error.status === 403 ? 'Forbidden' : 'Not Found',
          error.message,
          error.parameter,
        )
      }
      throw error
    }
  }

  /** Adds a key (of a new or an existing tenant: share the events and settings objects). */
  addTenant(key: string, tenant: FakeTenant): void {
    this.tenants.set(key, tenant)
  }

  /** Stores events as HTTP ingest would, for the ingest key's tenant; an unknown or non-ingest key is refused. */
  ingest(key: string, events: Parameters<typeof storeEvent>[2][]): void {
    const tenant = this.tenants.get(key)
    if (!tenant || tenant.role !== 'ingest') throw new Error('ingest needs an ingest key')
    const state = this.settingsOf(tenant)
    for (const raw of events) {
      if (!tenant.events.some((e) => e.id === raw.id)) tenant.events.push(storeEvent(state, tenant.tenant ?? 'demo', raw))
    }
    tenant.events.sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id))
  }

  /** The tenant's settings (created on first use). */
  settingsOf(tenant: FakeTenant): SettingsState {
    tenant.settings ??= emptySettings()
    return tenant.settings
  }

  private settingsRoute(path: string, params: URLSearchParams, tenant: FakeTenant): FakeResponse | null {
    const state = this.settingsOf(tenant)
    const now = this.now()
    if (path === '/keys') {
      if (tenant.role !== 'admin')
        throw new FakeProblem(403, `A ${tenant.role ?? 'viewer'} key cannot do this; use an admin key of the tenant`)
      return json({ items: [] })
    }
    if (path === '/prices') return json(priceList(state, now))
    if (path === '/prices/unpriced') return json(unpriced(state, tenant.events))
    const job = /^\/jobs\/([^/]+)$/.exec(path)
    if (job) return json(readJob(state, job[1]!, tenant.events, now))
    if (path === '/budgets') return json({ items: state.budgets })
    const status = /^\/budgets\/([^/]+)\/status$/.exec(path)
    if (status) return json(budgetStatus(this.budget(state, status[1]!), tenant.events, now))
    if (path === '/alerts') {
      check(params, ['budget', 'channel', 'limit'])
      const budget = single(params, 'budget')
      const channel = single(params, 'channel')
      const newestFirst = [...state.alerts].sort((x, y) => y.raisedAt.localeCompare(x.raisedAt))
      // As the service: channel= keeps the alerts delivered to that channel, each with only that channel's delivery.
      const items = newestFirst
        .filter((a) => budget === null || a.budgetId === budget)
        .filter((a) => channel === null || a.deliveries.some((d) => d.channelId === channel))
        .map((a) => (channel === null ? a : { ...a, deliveries: a.deliveries.filter((d) => d.channelId === channel) }))
      return json({ items: items.slice(0, integer(params, 'limit', 100, 1, 1000)) })
    }
    return null
  }

  private budget(state: SettingsState, id: string) {
    const budget = state.budgets.find((b) => b.id === id)
    if (!budget) throw new FakeProblem(404, `No budget ${id}`)
    return budget
  }

  private change(method: string, path: string, body: Record<string, unknown>, tenant: FakeTenant): FakeResponse {
    const state = this.settingsOf(tenant)
    const now = this.now()
    const name = tenant.tenant ?? 'demo'
    if (method === 'PUT' && path === '/prices') return json(putPrice(state, body, now))
    if (method === 'POST' && path === '/prices/reprice') return { ...json(startReprice(state, name, body, now)), status: 202 }
    if (method === 'POST' && path === '/budgets') {
      const budget = parseBudget(body, `bud_${(state.budgets.length + 1).toString(16).padStart(16, '0')}`, name, now)
      state.budgets.push(budget)
      return { ...json(budget), status: 201 }
    }
    const one = /^\/budgets\/([^/]+)$/.exec(path)
    if (one && method === 'PUT') {
      const previous = this.budget(state, one[1]!)
      const budget = parseBudget(body, previous.id, name, now, previous)
      state.budgets = state.budgets.map((b) => (b.id === budget.id ? budget : b))
      return json(budget)
    }
    if (one && method === 'DELETE') {
      this.budget(state, one[1]!)
      state.budgets = state.budgets.filter((b) => b.id !== one[1])
      state.alerts = state.alerts.filter((a) => a.budgetId !== one[1])
      return { status: 204, contentType: 'application/json', body: '' }
    }
    return problem(405, 'Method Not Allowed', `${method} ${path}`)
  }

  private route(path: string, params: URLSearchParams, events: UsageEvent[]): FakeResponse {
    switch (path) {
      case '/usage/summary':
        check(params, [])
        return json(this.summary(events, params))
      case '/usage/timeline':
        check(params, ['bucket', 'groupBy', 'top'])
        return json(this.timeline(events, params))
      case '/usage/breakdown':
        check(params, ['by', 'sort', 'limit', 'percentiles'])
        return json(this.breakdown(events, params))
      case '/usage/periods':
        check(params, [])
        return json(this.periods(events, params))
      case '/usage/forecast':
        check(params, [])
        return json(this.forecast(events, params))
      case '/usage/events':
        check(params, ['sort', 'order', 'limit', 'cursor'])
        return json(this.events(events, params))
      case '/usage/errors': {
        check(params, ['limit'])
        const limit = integer(params, 'limit', 50, 1, 500)
        const failed = this.select(events, params).filter((e) => e.status !== 'success')
        return json({ items: failed.reverse().slice(0, limit) })
      }
      case '/usage/export':
        check(params, [])
        return this.csv(events, params)
    }
    if (path === '/usage/tag-keys') {
      check(params, ['limit'])
      const keys = new Set(this.select(events, params).flatMap((e) => Object.keys(e.tags)))
      return json({ keys: [...keys].sort() })
    }
    const values = /^\/usage\/values\/([A-Za-z0-9_.:%-]+)$/.exec(path)
    if (values) {
      check(params, ['limit'])
      const dimension = decodeURIComponent(values[1]!)
      const key = this.grouping('dimension', dimension)
      const seen = new Map<string, number>()
      for (const e of this.select(events, params)) {
        const v = key(e)
        if (v !== null) seen.set(v, (seen.get(v) ?? 0) + 1)
      }
      return json({ dimension, values: [...seen.keys()].sort() })
    }
    return problem(404, 'Not Found', `No endpoint ${path}`)
  }

  /** A breakdown's or picker's key of an event: a dimension, `user`, or `tag:<key>`. */
  private grouping(parameter: string, value: string): (e: UsageEvent) => string | null {
    if (value === 'user') return (e) => e.user
    if (/^tag:[A-Za-z0-9_.-]{1,64}$/.test(value)) {
      const tag = value.slice(4)
      return (e) => (e.tags[tag] === undefined ? null : String(e.tags[tag]))
    }
    const dimension = this.dimension(parameter, value)
    return (e) => e[dimension]
  }

  private dimension(parameter: string, value: string): Dimension {
    if (!(DIMENSIONS as string[]).includes(value)) throw new BadParameter(parameter, `'${value}' is not one of ${DIMENSIONS.join(', ')}`)
    return value as Dimension
  }

  range(params: URLSearchParams, events: UsageEvent[] = []): Range {
    const zone = zoneOf(params)
    const range = single(params, 'range')
    const from = single(params, 'from')
    const to = single(params, 'to')
    const now = this.now()
    if (range && (from || to)) throw new BadParameter('range', 'give either range or from/to')
    if (from || to) {
      if (!from || !to) throw new BadParameter(from ? 'to' : 'from', 'is required with ' + (from ? 'from' : 'to'))
      const start = instant(from, zone, 'from')
      const end = instant(to, zone, 'to')
      if (end <= start) throw new BadParameter('to', 'must be after from')
      return { from: start, to: end, zone }
    }
    const tomorrow = startOfDay(now, zone, 1)
    switch (range ?? '30d') {
      case 'today':
        return { from: startOfDay(now, zone), to: tomorrow, zone }
      case 'yesterday':
        return { from: startOfDay(now, zone, -1), to: startOfDay(now, zone), zone }
      case 'mtd':
        return { from: startOfMonth(now, zone), to: tomorrow, zone }
      case 'ytd':
        return { from: startOfMonth(now, zone, -new Date(now).getUTCMonth()), to: tomorrow, zone }
      case 'all': {
        const first = events[0] ? Date.parse(events[0].time) : now
        return { from: startOfDay(first, zone), to: tomorrow, zone }
      }
    }
    const days = /^(\d+)d$/.exec(range ?? '')
    if (!days) throw new BadParameter('range', 'must be today, yesterday, 7d, 30d, 90d, mtd, ytd or all')
    return { from: startOfDay(now, zone, 1 - Number(days[1])), to: tomorrow, zone }
  }

  private matches(e: UsageEvent, params: URLSearchParams): boolean {
    for (const d of DIMENSIONS) {
      const wanted = params.getAll(d)
      if (wanted.length > 0 && !wanted.includes(e[d] ?? '\u0000')) return false
    }
    const users = params.getAll('user')
    if (users.length > 0 && !users.includes(e.user ?? '\u0000')) return false
    for (const name of new Set([...params.keys()].filter((n) => n.startsWith('tag.')))) {
      if (!params.getAll(name).includes(String(e.tags[name.slice(4)]))) return false
    }
    return true
  }

  private within(events: UsageEvent[], from: number, to: number, params: URLSearchParams): UsageEvent[] {
    return events.filter((e) => {
      const t = Date.parse(e.time)
      return t >= from && t < to && this.matches(e, params)
    })
  }

  private select(events: UsageEvent[], params: URLSearchParams): UsageEvent[] {
    const range = this.range(params, events)
    return this.within(events, range.from, range.to, params)
  }

  private totals(events: UsageEvent[]) {
    let requests = 0
    let successes = 0
    let errors = 0
    let timeouts = 0
    let inputTokens = 0
    let cachedInputTokens = 0
    let cacheWriteTokens = 0
    let outputTokens = 0
    let reasoningTokens = 0
    let cost = 0
    let unpriced = 0
    const latencies: number[] = []
    let last: string | null = null
    for (const e of events) {
      requests++
      if (e.status === 'success') successes++
      else if (e.status === 'error') errors++
      else timeouts++
      inputTokens += e.usage.inputTokens
      cachedInputTokens += e.usage.cachedInputTokens
      cacheWriteTokens += e.usage.cacheWriteTokens
      outputTokens += e.usage.outputTokens
      reasoningTokens += e.usage.reasoningTokens
      cost += e.costUsd
      if (!e.priced) unpriced++
      if (e.latencyMs !== null) latencies.push(e.latencyMs)
      if (last === null || e.time > last) last = e.time
    }
    latencies.sort((a, b) => a - b)
    const percentile = (q: number) => (latencies.length ? latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)]! : null)
    const avg = latencies.length ? Math.round((latencies.reduce((s, v) => s + v, 0) / latencies.length) * 10) / 10 : null
    return {
      requests,
      successes,
      errors,
      timeouts,
      errorRate: requests ? round6((errors + timeouts) / requests) : 0,
      inputTokens,
      cachedInputTokens,
      cacheWriteTokens,
      outputTokens,
      reasoningTokens,
      totalTokens: inputTokens + outputTokens,
      costUsd: round6(cost),
      unpricedRequests: unpriced,
      avgLatencyMs: avg,
      p50LatencyMs: percentile(0.5),
      p95LatencyMs: percentile(0.95),
      p99LatencyMs: percentile(0.99),
      lastSeen: last,
    }
  }

  private summary(events: UsageEvent[], params: URLSearchParams): Summary {
    const range = this.range(params, events)
    const make = (from: number, to: number): Summary => {
      const selected = this.within(events, from, to, params)
      const { lastSeen: _lastSeen, ...t } = this.totals(selected)
      const distinct = (d: Dimension) => new Set(selected.map((e) => e[d]).filter((v) => v !== null)).size
      return {
        ...t,
        distinct: {
          models: distinct('model'),
          endpoints: distinct('endpoint'),
          apiKeys: distinct('apiKey'),
          projects: distinct('project'),
        },
        previous: null,
      }
    }
    const length = range.to - range.from
    return { ...make(range.from, range.to), previous: make(range.from - length, range.from) }
  }

  private point(events: UsageEvent[], start: number, end: number, zone: string): TimelinePoint {
    const { lastSeen: _l, errorRate: _e, p50LatencyMs: _p50, p99LatencyMs: _p99, ...t } = this.totals(events)
    return { start: formatZoned(start, zone), end: formatZoned(end, zone), ...t }
  }

  private buckets(range: Range, unit: string): [number, number][] {
    const result: [number, number][] = []
    const next = (t: number): number => {
      switch (unit) {
        case 'minute':
          return t + 60_000
        case 'hour':
          return t + 3_600_000
        case 'day':
          return startOfDay(t, range.zone, 1)
        case 'week':
          return startOfDay(startOfWeek(t, range.zone), range.zone, 7)
        case 'month':
          return startOfMonth(t, range.zone, 1)
      }
      throw new BadParameter('bucket', 'must be minute, hour, day, week or month')
    }
    let start = range.from
    while (start < range.to) {
      const end = Math.min(next(start), range.to)
      result.push([start, end])
      start = end
      if (result.length > 5000) throw new BadParameter('bucket', 'too many buckets for the range')
    }
    return result
  }

  private timeline(events: UsageEvent[], params: URLSearchParams) {
    const range = this.range(params, events)
    const unit = single(params, 'bucket') ?? 'day'
    const groupBy = single(params, 'groupBy')
    if (!groupBy && params.has('top')) throw new BadParameter('top', 'applies only with groupBy')
    const top = integer(params, 'top', 10, 1, 50)
    const selected = this.within(events, range.from, range.to, params)
    const buckets = this.buckets(range, unit)
    const pointsOf = (list: UsageEvent[]) => {
      const perBucket = buckets.map(() => [] as UsageEvent[])
      let i = 0
      for (const e of list) {
        const t = Date.parse(e.time)
        while (i < buckets.length && t >= buckets[i]![1]) i++
        if (i < buckets.length) perBucket[i]!.push(e)
      }
      return buckets.map(([s, end], k) => this.point(perBucket[k]!, s, end, range.zone))
    }
    let series = null
    if (groupBy) {
      const dimension = this.dimension('groupBy', groupBy)
      const groups = new Map<string | null, UsageEvent[]>()
      for (const e of selected) {
        const list = groups.get(e[dimension]) ?? []
        list.push(e)
        groups.set(e[dimension], list)
      }
      const ranked = [...groups.entries()].sort((a, b) => this.totals(b[1]).costUsd - this.totals(a[1]).costUsd)
      const topGroups = ranked.slice(0, top)
      const rest = ranked
        .slice(top)
        .flatMap(([, list]) => list)
        .sort((a, b) => a.time.localeCompare(b.time))
      series = [
        ...topGroups.map(([key, list]) => ({ key, other: false, points: pointsOf(list) })),
        ...(ranked.length > top ? [{ key: 'other', other: true, points: pointsOf(rest) }] : []),
      ]
    }
    return {
      bucket: unit,
      tz: range.zone,
      from: formatZoned(range.from, range.zone),
      to: formatZoned(range.to, range.zone),
      buckets: pointsOf(selected),
      series,
    }
  }

  private breakdown(events: UsageEvent[], params: URLSearchParams): Breakdown {
    const by = single(params, 'by')
    if (!by) throw new BadParameter('by', 'is required')
    const keyOf = this.grouping('by', by)
    const sort = single(params, 'sort') ?? 'cost'
    if (!['cost', 'requests', 'tokens', 'errorRate', 'latency', 'lastSeen'].includes(sort))
      throw new BadParameter('sort', `'${sort}' is not a sort`)
    const limit = integer(params, 'limit', 10, 1, 1000)
    const percentiles = single(params, 'percentiles') ?? 'true'
    if (!['true', 'false'].includes(percentiles)) throw new BadParameter('percentiles', 'must be true or false')
    const selected = this.select(events, params)
    const groups = new Map<string | null, UsageEvent[]>()
    for (const e of selected) {
      const list = groups.get(keyOf(e)) ?? []
      list.push(e)
      groups.set(keyOf(e), list)
    }
    const total = this.totals(selected)
    const measure = (t: ReturnType<FakeApi['totals']>) =>
      sort === 'cost'
        ? t.costUsd
        : sort === 'tokens'
          ? t.totalTokens
          : sort === 'errorRate'
            ? t.errorRate
            : sort === 'latency'
              ? (t.avgLatencyMs ?? -1)
              : sort === 'lastSeen'
                ? t.lastSeen
                  ? Date.parse(t.lastSeen)
                  : -1
                : t.requests
    const share = (t: ReturnType<FakeApi['totals']>) => {
      const [part, whole] =
        sort === 'cost' ? [t.costUsd, total.costUsd] : sort === 'tokens' ? [t.totalTokens, total.totalTokens] : [t.requests, total.requests]
      return whole ? round6(part / whole) : 0
    }
    const row = (key: string | null, t: ReturnType<FakeApi['totals']>): BreakdownRow => ({
      key,
      requests: t.requests,
      successes: t.successes,
      errors: t.errors,
      errorRate: t.errorRate,
      inputTokens: t.inputTokens,
      outputTokens: t.outputTokens,
      totalTokens: t.totalTokens,
      costUsd: t.costUsd,
      share: share(t),
      avgLatencyMs: t.avgLatencyMs,
      p95LatencyMs: percentiles === 'true' ? t.p95LatencyMs : null,
      lastSeen: t.lastSeen,
    })
    const ranked = [...groups.entries()]
      .map(([key, list]) => ({ key, t: this.totals(list), list }))
      .sort((a, b) => measure(b.t) - measure(a.t))
    const rest = ranked.slice(limit).flatMap((g) => g.list)
    return {
      by,
      sort: sort as Breakdown['sort'],
      rows: ranked.slice(0, limit).map((g) => row(g.key, g.t)),
      other: ranked.length > limit ? row('other', this.totals(rest)) : null,
      total: { ...row(null, total), share: total.requests ? 1 : 0 },
    }
  }

  private periods(events: UsageEvent[], params: URLSearchParams) {
    if (params.has('range') || params.has('from') || params.has('to')) throw new BadParameter('range', 'periods are fixed')
    const zone = zoneOf(params)
    const now = this.now()
    const tomorrow = startOfDay(now, zone, 1)
    const amounts = (from: number) => {
      const t = this.totals(this.within(events, from, tomorrow, params))
      return { requests: t.requests, totalTokens: t.totalTokens, costUsd: t.costUsd }
    }
    return {
      tz: zone,
      today: amounts(startOfDay(now, zone)),
      thisWeek: amounts(startOfWeek(now, zone)),
      thisMonth: amounts(startOfMonth(now, zone)),
      allTime: amounts(0),
    }
  }

  private forecast(events: UsageEvent[], params: URLSearchParams) {
    if (params.has('range') || params.has('from') || params.has('to'))
      throw new BadParameter('range', 'the forecast is for the current month in tz')
    const zone = zoneOf(params)
    const now = this.now()
    const monthStart = startOfMonth(now, zone)
    const monthEnd = startOfMonth(now, zone, 1)
    const today = startOfDay(now, zone)
    const mtd = this.totals(this.within(events, monthStart, now, params))
    const last = this.totals(this.within(events, startOfMonth(now, zone, -1), monthStart, params))
    const days = Array.from({ length: 14 }, (_, i) =>
      this.totals(this.within(events, startOfDay(today, zone, i - 14), startOfDay(today, zone, i - 13), params)),
    ).filter((t) => t.requests > 0)
    const daysLeft = (monthEnd - now) / 86_400_000
    const mean = (pick: (t: ReturnType<FakeApi['totals']>) => number) =>
      days.length ? days.reduce((s, t) => s + pick(t), 0) / days.length : 0
    const costs = days.map((t) => t.costUsd)
    const amounts = (requests: number, tokens: number, cost: number) => ({
      requests: Math.round(mtd.requests + requests * daysLeft),
      totalTokens: Math.round(mtd.totalTokens + tokens * daysLeft),
      costUsd: round6(mtd.costUsd + cost * daysLeft),
    })
    const projected = amounts(
      mean((t) => t.requests),
      mean((t) => t.totalTokens),
      mean((t) => t.costUsd),
    )
    return {
      tz: zone,
      month: formatZoned(monthStart, zone).slice(0, 7),
      from: formatZoned(monthStart, zone),
      to: formatZoned(monthEnd, zone),
      asOf: formatZoned(now, zone),
      monthToDate: { requests: mtd.requests, totalTokens: mtd.totalTokens, costUsd: mtd.costUsd },
      lastMonth: { requests: last.requests, totalTokens: last.totalTokens, costUsd: last.costUsd },
      projectedMonthEnd: {
        ...projected,
        low: amounts(0, 0, costs.length ? Math.min(...costs) : 0),
        high: amounts(0, 0, costs.length ? Math.max(...costs) : 0),
      },
      method: 'mean daily usage of the last 14 complete days × days left in the month, added to the month to date',
    }
  }

  private events(events: UsageEvent[], params: URLSearchParams): EventPage {
    const sort = single(params, 'sort') ?? 'time'
    const keys: Record<string, (e: UsageEvent) => number | null> = {
      time: (e) => Date.parse(e.time),
      cost: (e) => e.costUsd,
      totalTokens: (e) => e.totalTokens,
      inputTokens: (e) => e.usage.inputTokens,
      outputTokens: (e) => e.usage.outputTokens,
      latency: (e) => e.latencyMs,
    }
    const key = keys[sort]
    if (!key) throw new BadParameter('sort', `'${sort}' is not one of ${Object.keys(keys).join(', ')}`)
    const order = single(params, 'order') ?? 'desc'
    if (order !== 'asc' && order !== 'desc') throw new BadParameter('order', 'must be asc or desc')
    const limit = integer(params, 'limit', 50, 1, 500)
    const cursor = single(params, 'cursor')
    const offset = cursor ? Number(atob(cursor).replace(/^o:/, '')) : 0
    if (!Number.isInteger(offset) || offset < 0) throw new BadParameter('cursor', 'is not a cursor of this query')
    const sign = order === 'asc' ? 1 : -1
    const sorted = this.select(events, params).sort((a, b) => {
      const ka = key(a)
      const kb = key(b)
      if (ka === null || kb === null) return ka === kb ? 0 : ka === null ? 1 : -1
      return sign * (ka - kb || Date.parse(a.time) - Date.parse(b.time) || a.id.localeCompare(b.id))
    })
    const items = sorted.slice(offset, offset + limit)
    const next = offset + limit < sorted.length ? btoa(`o:${offset + limit}`) : null
    return { items, nextCursor: next, totalCount: sorted.length }
  }

  private csv(events: UsageEvent[], params: URLSearchParams): FakeResponse {
    const rows = this.select(events, params)
    const quote = (v: unknown) => {
      const text = v === null || v === undefined ? '' : String(v)
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
    }
    const header =
      'id,time,provider,model,endpoint,project,api_key,user,status,latency_ms,input_tokens,cached_input_tokens,output_tokens,total_tokens,cost_usd'
    const lines = rows.map((e) =>
      [
        e.id,
        e.time,
        e.provider,
        e.model,
        e.endpoint,
        e.project,
        e.apiKey,
        e.user,
        e.status,
        e.latencyMs,
        e.usage.inputTokens,
        e.usage.cachedInputTokens,
        e.usage.outputTokens,
        e.totalTokens,
        e.costUsd,
      ]
        .map(quote)
        .join(','),
    )
    return {
      status: 200,
      contentType: 'text/csv;charset=UTF-8',
      body: [header, ...lines].join('\n') + '\n',
      headers: { 'Content-Disposition': 'attachment; filename="tokenmeter-usage.csv"' },
    }
  }
}
