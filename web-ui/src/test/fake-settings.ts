/**
 * The fake API's settings endpoints (API.md §3): prices and re-pricing jobs, budgets and their
 * status, alerts, and GET /keys (which only an admin may read). State is per tenant and in memory.
 * The rules the UI relies on are kept: admin-only writes (403 otherwise), 400s naming the field,
 * effective-dated tenant prices that win over the catalog, the cost formula of API.md §2, budget
 * periods local to the budget's zone, and the linear projection.
 */
import type { Budget, BudgetAlert, BudgetStatus, Job, PriceEntry, PriceItem, PriceOverride, UsageEvent } from '@/types/models'
import { DEMO_PRICES, round6 } from './demo-events'
import { formatZoned, startOfDay, startOfMonth, startOfWeek } from './zoned'

export class FakeProblem extends Error {
  readonly status: number
  readonly parameter: string | undefined

  constructor(status: number, detail: string, parameter?: string) {
    super(parameter ? `${parameter}: ${detail}` : detail)
    this.status = status
    this.parameter = parameter
  }
}

const bad = (parameter: string, detail: string) => new FakeProblem(400, detail, parameter)
const CATALOG_FROM = '2024-01-01T00:00:00Z'

export interface SettingsState {
  overrides: PriceOverride[]
  jobs: Map<string, Job & { polls: number }>
  budgets: Budget[]
  alerts: BudgetAlert[]
}

export function emptySettings(): SettingsState {
  return { overrides: [], jobs: new Map(), budgets: [], alerts: [] }
}

function entry(
  p: { effectiveFrom: string; input: number; output: number; cachedInput?: number; cacheWrite?: number; reasoning?: number },
  source: PriceEntry['source'],
  provider: string,
  model: string,
): PriceEntry {
  const effectiveFrom = p.effectiveFrom.length === 10 ? `${p.effectiveFrom}T00:00:00Z` : p.effectiveFrom
  return {
    source,
    effectiveFrom,
    input: p.input,
    output: p.output,
    cachedInput: p.cachedInput ?? null,
    cacheWrite: p.cacheWrite ?? null,
    reasoning: p.reasoning ?? null,
    tiers: [],
    url: source === 'builtin' ? 'https://example.com/pricing' : null,
    reference: `${source === 'override' ? 'override:' : ''}${provider}/${model}@${effectiveFrom}`,
    serviceTiers: {},
    units: {},
    endpoint: null,
  }
}

function history(state: SettingsState, provider: string, model: string): PriceEntry[] {
  const entries = [
    ...DEMO_PRICES.filter((p) => p.provider === provider && p.model === model).map((p) =>
      entry({ ...p, effectiveFrom: CATALOG_FROM }, 'builtin', provider, model),
    ),
    ...state.overrides.filter((o) => o.provider === provider && o.model === model).map((o) => entry(o, 'override', provider, model)),
  ]
  return entries.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || (a.source === 'override' ? -1 : 1))
}

/** The price in force at `time`: the tenant's latest entry from before it, else the catalog's. */
function priceAt(state: SettingsState, provider: string, model: string, time: string): PriceEntry | null {
  const entries = history(state, provider, model).filter((e) => Date.parse(e.effectiveFrom) <= Date.parse(time))
  return entries.find((e) => e.source === 'override') ?? entries[0] ?? null
}

/** API.md §2. */
export function costOf(e: UsageEvent, p: PriceEntry): number {
  const u = e.usage
  const plain = u.inputTokens - u.cachedInputTokens - u.cacheWriteTokens
  const usd =
    plain * p.input +
    u.cachedInputTokens * (p.cachedInput ?? p.input) +
    u.cacheWriteTokens * (p.cacheWrite ?? p.input) +
    (u.outputTokens - u.reasoningTokens) * p.output +
    u.reasoningTokens * (p.reasoning ?? p.output)
  return round6(usd / 1_000_000)
}

interface RawEvent {
  id: string
  time: string
  provider: string
  model: string
  endpoint?: string
  project?: string
  apiKey?: string
  user?: string
  status?: UsageEvent['status']
  latencyMs?: number
  usage?: Partial<UsageEvent['usage']>
  costUsd?: number
  tags?: Record<string, string>
}

/** An event as HTTP ingest takes it (API.md §1), stored as the service would: priced at its time, a reported cost winning. */
export function storeEvent(state: SettingsState, tenant: string, raw: RawEvent): UsageEvent {
  const usage = { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0, ...raw.usage }
  const event: UsageEvent = {
    id: raw.id,
    tenant,
    time: new Date(raw.time).toISOString(),
    provider: raw.provider,
    model: raw.model,
    endpoint: raw.endpoint ?? 'unknown',
    project: raw.project ?? null,
    apiKey: raw.apiKey ?? null,
    user: raw.user ?? null,
    status: raw.status ?? 'success',
    serviceTier: 'standard',
    error: null,
    latencyMs: raw.latencyMs ?? null,
    usage,
    totalTokens: usage.inputTokens + usage.outputTokens,
    costUsd: 0,
    priced: false,
    costSource: 'unpriced',
    priceRef: null,
    tags: raw.tags ?? {},
  }
  const price = priceAt(state, event.provider.toLowerCase(), event.model.toLowerCase(), event.time)
  if (raw.costUsd !== undefined) {
    Object.assign(event, { costUsd: raw.costUsd, priced: true, costSource: 'reported' })
  } else if (price) {
    Object.assign(event, { costUsd: costOf(event, price), priced: true, costSource: 'computed', priceRef: price.reference })
  }
  return event
}

export function priceList(state: SettingsState, now: number) {
  const keys = new Set([...DEMO_PRICES.map((p) => `${p.provider}/${p.model}`), ...state.overrides.map((o) => `${o.provider}/${o.model}`)])
  const items: PriceItem[] = [...keys].sort().map((key) => {
    const [provider, model] = key.split('/') as [string, string]
    const all = history(state, provider, model)
    const current = priceAt(state, provider, model, new Date(now).toISOString())
    return { provider, model, source: current?.source ?? all[0]!.source, current, history: all }
  })
  return { asOf: new Date(now).toISOString(), items, aliases: [] }
}

function number(body: Record<string, unknown>, field: string, required: boolean): number | undefined {
  const value = body[field]
  if (value === undefined || value === null) {
    if (required) throw bad(field, 'is required: USD per 1 000 000 tokens')
    return undefined
  }
  if (typeof value !== 'number' || value < 0 || value > 1_000_000) throw bad(field, 'must be from 0 to 1000000 (USD per 1 000 000 tokens)')
  return value
}

export function putPrice(state: SettingsState, body: Record<string, unknown>, now: number): PriceItem {
  for (const field of ['provider', 'model', 'effectiveFrom']) {
    if (typeof body[field] !== 'string' || !(body[field] as string).trim()) throw bad(field, 'is required')
  }
  const override: PriceOverride = {
    provider: (body.provider as string).toLowerCase(),
    model: (body.model as string).toLowerCase(),
    effectiveFrom: body.effectiveFrom as string,
    input: number(body, 'input', true)!,
    output: number(body, 'output', true)!,
    cachedInput: number(body, 'cachedInput', false),
    cacheWrite: number(body, 'cacheWrite', false),
    reasoning: number(body, 'reasoning', false),
  }
  if (Number.isNaN(Date.parse(override.effectiveFrom))) throw bad('effectiveFrom', 'must be an RFC 3339 instant or a date YYYY-MM-DD (UTC)')
  state.overrides = state.overrides.filter(
    (o) => !(o.provider === override.provider && o.model === override.model && o.effectiveFrom === override.effectiveFrom),
  )
  state.overrides.push(override)
  return priceList(state, now).items.find((i) => i.provider === override.provider && i.model === override.model)!
}

export function unpriced(state: SettingsState, events: UsageEvent[]) {
  const groups = new Map<string, UsageEvent[]>()
  for (const e of events) {
    if (e.priced) continue
    const key = `${e.provider}/${e.model}`
    groups.set(key, [...(groups.get(key) ?? []), e])
  }
  const items = [...groups.values()].map((list) => {
    const first = list[0]!
    const last = list[list.length - 1]!
    const inputTokens = list.reduce((s, e) => s + e.usage.inputTokens, 0)
    const outputTokens = list.reduce((s, e) => s + e.usage.outputTokens, 0)
    return {
      provider: first.provider,
      model: first.model,
      events: list.length,
      inputTokens,
      outputTokens,
      totalTokens: inputTokens + outputTokens,
      firstSeen: first.time,
      lastSeen: last.time,
      pricedNow: priceAt(state, first.provider, first.model, last.time) !== null,
    }
  })
  return { items: items.sort((a, b) => b.events - a.events) }
}

function instant(body: Record<string, unknown>, field: string): number {
  const text = body[field]
  const t = typeof text === 'string' ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN
  if (Number.isNaN(t)) throw bad(field, 'must be an RFC 3339 instant such as 2026-01-01T00:00:00Z, or a date YYYY-MM-DD (UTC)')
  return t
}

export function startReprice(state: SettingsState, tenant: string, body: Record<string, unknown>, now: number): Job {
  const from = instant(body, 'from')
  const to = instant(body, 'to')
  if (to <= from) throw bad('to', 'must be after from')
  const days = Math.ceil((to - from) / 86_400_000)
  const job = {
    id: `job_${(state.jobs.size + 1).toString(16).padStart(16, '0')}`,
    type: 'reprice',
    tenant,
    state: 'queued' as const,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    eventsTotal: 0,
    eventsDone: 0,
    eventsRepriced: 0,
    daysTotal: days,
    daysDone: 0,
    progress: 0,
    createdAt: new Date(now).toISOString(),
    startedAt: null,
    finishedAt: null,
    error: null,
    polls: 0,
  }
  state.jobs.set(job.id, job)
  return job
}

/** Each read moves a job on: queued, then running half-way, then done (re-pricing its events then). */
export function readJob(state: SettingsState, id: string, events: UsageEvent[], now: number): Job {
  const job = state.jobs.get(id)
  if (!job) throw new FakeProblem(404, `No job ${id}`)
  job.polls++
  const inRange = events.filter((e) => e.time >= job.from && e.time < job.to)
  if (job.state === 'queued') {
    Object.assign(job, { state: 'running', startedAt: new Date(now).toISOString(), eventsTotal: inRange.length })
  } else if (job.state === 'running' && job.daysDone === 0) {
    const half = Math.floor(job.daysTotal / 2)
    Object.assign(job, { daysDone: half, progress: half / job.daysTotal, eventsDone: Math.floor(inRange.length / 2) })
  } else if (job.state === 'running') {
    let repriced = 0
    for (const e of inRange) {
      const price = priceAt(state, e.provider, e.model, e.time)
      const cost = price ? costOf(e, price) : 0
      if (cost !== e.costUsd || e.priced !== (price !== null)) repriced++
      Object.assign(e, {
        costUsd: cost,
        priced: price !== null,
        costSource: price ? 'computed' : 'unpriced',
        priceRef: price?.reference ?? null,
      })
    }
    Object.assign(job, {
      state: 'done',
      daysDone: job.daysTotal,
      progress: 1,
      eventsDone: inRange.length,
      eventsRepriced: repriced,
      finishedAt: new Date(now).toISOString(),
    })
  }
  const { polls: _polls, ...view } = job
  return view
}

const SCOPES = ['provider', 'model', 'project', 'apiKey', 'endpoint', 'status', 'user']

/** The checks of BudgetRequest that the UI meets: every mistake names its field. */
export function parseBudget(body: Record<string, unknown>, id: string, tenant: string, now: number, previous?: Budget): Budget {
  const name = typeof body.name === 'string' ? body.name.trim() : ''
  if (!name || name.length > 128) throw bad('name', 'is required: 1-128 characters, not all blank, no control characters')
  if (!['day', 'week', 'month'].includes(body.period as string)) throw bad('period', 'is required: day, week or month')
  const tz = (body.tz as string | undefined) ?? 'UTC'
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
  } catch {
    throw bad('tz', `'${tz}' is not an IANA time zone such as Europe/Berlin or America/New_York`)
  }
  const hasUsd = body.limitUsd !== undefined && body.limitUsd !== null
  const hasTokens = body.limitTokens !== undefined && body.limitTokens !== null
  if (hasUsd === hasTokens) throw bad('limitUsd', 'give exactly one of limitUsd (an amount in USD) or limitTokens (a number of tokens)')
  if (hasUsd && !((body.limitUsd as number) > 0))
    throw bad('limitUsd', 'must be more than 0 and at most 1000000000000, with at most 12 decimals')
  if (hasTokens && !(Number.isInteger(body.limitTokens) && (body.limitTokens as number) > 0))
    throw bad('limitTokens', 'must be a whole number of tokens')
  const thresholds = (body.thresholds as number[] | undefined) ?? [50, 80, 100]
  thresholds.forEach((t, i) => {
    if (!Number.isInteger(t) || t < 1 || t > 1000) throw bad(`thresholds[${i}]`, 'must be a whole percent from 1 to 1000')
  })
  const scope = (body.scope as Record<string, string[]> | undefined) ?? {}
  for (const key of Object.keys(scope)) {
    if (!SCOPES.includes(key) && !key.startsWith('tag.')) throw bad(`scope.${key}`, 'is not a filter')
  }
  const channels = ((body.channels as Record<string, unknown>[] | undefined) ?? []).map((raw, i): Budget['channels'][number] => {
    if (raw.type === 'email') {
      const recipients = raw.recipients as string[] | undefined
      if (!Array.isArray(recipients) || recipients.length === 0 || recipients.length > 20)
        throw bad(`channels[${i}].recipients`, 'must be a list of 1-20 email addresses')
      const kept = previous?.channels.find((p) => p.id === raw.id)
      return { id: kept?.id ?? `ch_${i + 1}`, type: 'email', url: null, format: 'email', hasSecret: false, recipients }
    }
    const c = raw as Record<string, string>
    if (!/^https?:\/\/[^/@]+/.test(c.url ?? ''))
      throw bad(`channels[${i}].url`, 'must be an absolute http or https URL with a host and no user info')
    const kept = previous?.channels.find((p) => p.id === c.id)
    if (!c.secret && !kept && (c.format ?? 'json') === 'json')
      throw bad(`channels[${i}].secret`, 'is required for a json webhook: it signs every delivery')
    return {
      id: kept?.id ?? `ch_${i + 1}`,
      type: 'webhook' as const,
      url: c.url!,
      format: (c.format ?? 'json') as 'json' | 'slack',
      hasSecret: Boolean(c.secret) || (kept?.hasSecret ?? false),
      recipients: null,
    }
  })
  const stamp = new Date(now).toISOString()
  return {
    id,
    tenant,
    name,
    scope,
    period: body.period as Budget['period'],
    tz,
    limitUsd: hasUsd ? (body.limitUsd as number) : null,
    limitTokens: hasTokens ? (body.limitTokens as number) : null,
    thresholds: [...thresholds].sort((a, b) => a - b),
    forecast: body.forecast !== false,
    hard: body.hard === true,
    notify: body.notify === 'daily' ? 'daily' : 'perThreshold',
    channels,
    createdAt: previous?.createdAt ?? stamp,
    updatedAt: stamp,
  }
}

function inScope(e: UsageEvent, scope: Budget['scope']): boolean {
  return Object.entries(scope).every(([key, values]) => values.includes(String((e as unknown as Record<string, unknown>)[key] ?? '')))
}

export function budgetStatus(budget: Budget, events: UsageEvent[], now: number): BudgetStatus {
  const zone = budget.tz
  const start =
    budget.period === 'day' ? startOfDay(now, zone) : budget.period === 'week' ? startOfWeek(now, zone) : startOfMonth(now, zone)
  const end =
    budget.period === 'day' ? startOfDay(now, zone, 1) : budget.period === 'week' ? startOfDay(start, zone, 7) : startOfMonth(now, zone, 1)
  const selected = events.filter((e) => Date.parse(e.time) >= start && Date.parse(e.time) < end && inScope(e, budget.scope))
  const spentUsd = round6(selected.reduce((s, e) => s + e.costUsd, 0))
  const spentTokens = selected.reduce((s, e) => s + e.totalTokens, 0)
  const usd = budget.limitUsd !== null
  const limit = usd ? budget.limitUsd! : budget.limitTokens!
  const spent = usd ? spentUsd : spentTokens
  const elapsed = Math.min(1, (now - start) / (end - start))
  const endOfPeriod = elapsed > 0 && spent > 0 ? spent / elapsed : spent
  const crossingMs = spent > 0 && spent < limit ? start + ((now - start) * limit) / spent : null
  return {
    budgetId: budget.id,
    name: budget.name,
    period: { unit: budget.period, tz: zone, start: formatZoned(start, zone), end: formatZoned(end, zone) },
    asOf: formatZoned(now, zone),
    unit: usd ? 'usd' : 'tokens',
    limit,
    spent,
    spentUsd,
    spentTokens,
    requests: selected.length,
    share: round6(spent / limit),
    limitReached: spent >= limit,
    projection: {
      method: 'linear: spend so far × period length ÷ time elapsed in the period',
      endOfPeriod: usd ? round6(endOfPeriod) : Math.round(endOfPeriod),
      share: round6(endOfPeriod / limit),
      crossingAt: crossingMs !== null && crossingMs < end ? formatZoned(crossingMs, zone) : null,
      exceedsLimit: endOfPeriod >= limit,
      elapsedShare: round6(elapsed),
    },
    thresholds: budget.thresholds,
    thresholdsCrossed: budget.thresholds.filter((t) => spent * 100 >= limit * t),
  }
}
