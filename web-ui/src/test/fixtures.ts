import type {
  Breakdown,
  BreakdownRow,
  Budget,
  BudgetAlert,
  BudgetStatus,
  EventPage,
  Forecast,
  Job,
  PeriodTotals,
  Periods,
  PriceEntry,
  PriceItem,
  PriceList,
  Summary,
  Timeline,
  TimelinePoint,
  UsageEvent,
} from '@/types/models'

export function point(start: string, end: string, values: Partial<TimelinePoint> = {}): TimelinePoint {
  return {
    start,
    end,
    requests: 0,
    successes: 0,
    errors: 0,
    timeouts: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
    costUsd: 0,
    unpricedRequests: 0,
    avgLatencyMs: null,
    p95LatencyMs: null,
    ...values,
  }
}

/** Three days in New York; the middle one had no requests. */
export function threeDays(): Timeline {
  return {
    bucket: 'day',
    tz: 'America/New_York',
    from: '2026-03-07T00:00:00-05:00',
    to: '2026-03-10T00:00:00-04:00',
    buckets: [
      point('2026-03-07T00:00:00-05:00', '2026-03-08T00:00:00-05:00', {
        requests: 10,
        successes: 8,
        errors: 1,
        timeouts: 1,
        inputTokens: 1000,
        outputTokens: 200,
        totalTokens: 1200,
        costUsd: 0.5,
        avgLatencyMs: 400,
        p95LatencyMs: 900,
      }),
      point('2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00'),
      point('2026-03-09T00:00:00-04:00', '2026-03-10T00:00:00-04:00', {
        requests: 4,
        successes: 4,
        inputTokens: 300,
        outputTokens: 100,
        totalTokens: 400,
        costUsd: 0.25,
        avgLatencyMs: 350,
        p95LatencyMs: 500,
      }),
    ],
    series: null,
  }
}

export function row(key: string | null, values: Partial<BreakdownRow> = {}): BreakdownRow {
  return {
    key,
    requests: 10,
    successes: 9,
    errors: 1,
    errorRate: 0.1,
    inputTokens: 1000,
    outputTokens: 100,
    totalTokens: 1100,
    costUsd: 1,
    share: 0.5,
    avgLatencyMs: 300,
    p95LatencyMs: 800,
    lastSeen: '2026-03-09T12:00:00Z',
    ...values,
  }
}

export function breakdown(rows: BreakdownRow[], other: BreakdownRow | null = null): Breakdown {
  const all = other ? [...rows, other] : rows
  const sum = (f: keyof BreakdownRow) => all.reduce((s, r) => s + (r[f] as number), 0)
  return {
    by: 'provider',
    sort: 'cost',
    rows,
    other,
    total: row(null, {
      requests: sum('requests'),
      successes: sum('successes'),
      errors: sum('errors'),
      inputTokens: sum('inputTokens'),
      outputTokens: sum('outputTokens'),
      totalTokens: sum('totalTokens'),
      costUsd: sum('costUsd'),
      share: 1,
    }),
  }
}

export function summary(values: Partial<Summary> = {}, previous: Partial<Summary> | null = {}): Summary {
  const base: Summary = {
    requests: 1000,
    successes: 950,
    errors: 40,
    timeouts: 10,
    errorRate: 0.05,
    inputTokens: 2_000_000,
    cachedInputTokens: 500_000,
    cacheWriteTokens: 0,
    outputTokens: 300_000,
    reasoningTokens: 0,
    totalTokens: 2_300_000,
    costUsd: 12.5,
    unpricedRequests: 0,
    avgLatencyMs: 420,
    p50LatencyMs: 380,
    p95LatencyMs: 1200,
    p99LatencyMs: 2400,
    distinct: { models: 4, endpoints: 2, apiKeys: 6, projects: 3 },
    previous: null,
  }
  return { ...base, ...values, previous: previous === null ? null : { ...base, ...previous, previous: null } }
}

/** One stored event, `n` minutes before 2026-03-10T14:00:00Z; the values a test needs override the rest. */
export function usageEvent(n: number, values: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id: `evt_${String(n).padStart(6, '0')}`,
    tenant: 'demo',
    time: new Date(Date.parse('2026-03-10T14:00:00Z') - n * 60_000).toISOString(),
    provider: 'openai',
    model: n % 2 === 0 ? 'gpt-5-mini' : 'gpt-4.1',
    endpoint: 'chat.completions',
    project: 'support-bot',
    apiKey: 'support-bot-web',
    user: null,
    status: 'success',
    serviceTier: 'standard',
    error: null,
    latencyMs: 500 + n,
    usage: { inputTokens: 1000 + n, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 200, reasoningTokens: 0 },
    totalTokens: 1200 + n,
    costUsd: 0.001 * (n + 1),
    priced: true,
    costSource: 'computed',
    priceRef: 'builtin:openai/gpt-5-mini@2024-01-01T00:00:00Z',
    tags: { env: 'prod' },
    ...values,
  }
}

export function periods(values: Partial<Periods> = {}): Periods {
  const amounts = (requests: number): PeriodTotals => ({ requests, totalTokens: requests * 1200, costUsd: requests / 100 })
  return { tz: 'UTC', today: amounts(40), thisWeek: amounts(180), thisMonth: amounts(400), allTime: amounts(1200), ...values }
}

export function forecast(values: Partial<Forecast> = {}): Forecast {
  const amounts = (requests: number): PeriodTotals => ({ requests, totalTokens: requests * 1200, costUsd: requests / 100 })
  return {
    tz: 'UTC',
    month: '2026-03',
    from: '2026-03-01T00:00:00Z',
    to: '2026-04-01T00:00:00Z',
    asOf: '2026-03-10T15:00:00Z',
    monthToDate: amounts(400),
    projectedMonthEnd: { ...amounts(1240), low: amounts(900), high: amounts(1500) },
    lastMonth: amounts(1100),
    method: 'mean daily usage of the last 14 complete days × days left in the month, added to the month to date',
    ...values,
  }
}

export function eventPage(items: UsageEvent[], totalCount = items.length, nextCursor: string | null = null): EventPage {
  return { items, nextCursor, totalCount }
}

/** A price list entry from the catalog (USD per 1M tokens). */
export function priceEntry(values: Partial<PriceEntry> = {}): PriceEntry {
  return {
    source: 'builtin',
    effectiveFrom: '2024-01-01T00:00:00Z',
    input: 1,
    output: 4,
    cachedInput: null,
    cacheWrite: null,
    reasoning: null,
    tiers: [],
    url: 'https://example.com/pricing',
    reference: 'builtin:openai/gpt-4.1@2024-01-01T00:00:00Z',
    serviceTiers: {},
    units: {},
    endpoint: null,
    ...values,
  }
}

export function priceItem(provider: string, model: string, input: number, output: number, values: Partial<PriceItem> = {}): PriceItem {
  const current = priceEntry({ input, output, reference: `builtin:${provider}/${model}@2024-01-01T00:00:00Z` })
  return { provider, model, source: 'builtin', current, history: [current], ...values }
}

export function priceList(items: PriceItem[]): PriceList {
  return {
    asOf: '2026-03-10T15:00:00Z',
    items,
    aliases: [],
    providerAliases: { builtin: {}, byModelPrefix: {}, tenant: {} },
  }
}

export function job(values: Partial<Job> = {}): Job {
  return {
    id: 'job_0000000000000001',
    type: 'reprice',
    tenant: 'demo',
    state: 'queued',
    from: '2026-03-01T00:00:00Z',
    to: '2026-03-11T00:00:00Z',
    eventsTotal: 0,
    eventsDone: 0,
    eventsRepriced: 0,
    daysTotal: 10,
    daysDone: 0,
    progress: 0,
    createdAt: '2026-03-10T15:00:00Z',
    startedAt: null,
    finishedAt: null,
    error: null,
    ...values,
  }
}

export function budget(values: Partial<Budget> = {}): Budget {
  return {
    id: 'bud_1',
    tenant: 'demo',
    name: 'Monthly',
    scope: {},
    period: 'month',
    tz: 'UTC',
    limitUsd: 5,
    limitTokens: null,
    thresholds: [50, 80, 100],
    forecast: true,
    hard: false,
    notify: 'perThreshold',
    channels: [],
    createdAt: '2026-03-10T15:00:00Z',
    updatedAt: '2026-03-10T15:00:00Z',
    ...values,
  }
}

/** A budget's status as `GET /budgets/{id}/status` answers it; `spent` is in the budget's unit. */
export function budgetStatus(of: Budget, spent: number, crossed: number[], values: Partial<BudgetStatus> = {}): BudgetStatus {
  const usd = of.limitUsd !== null
  const limit = usd ? of.limitUsd! : of.limitTokens!
  return {
    budgetId: of.id,
    name: of.name,
    period: { unit: of.period, tz: of.tz, start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' },
    asOf: '2026-03-10T15:00:00Z',
    unit: usd ? 'usd' : 'tokens',
    limit,
    spent,
    spentUsd: usd ? spent : 0,
    spentTokens: usd ? 0 : spent,
    requests: 100,
    share: spent / limit,
    limitReached: spent >= limit,
    projection: {
      method: 'linear: spend so far × period length ÷ time elapsed in the period',
      endOfPeriod: spent * 3,
      share: (spent * 3) / limit,
      crossingAt: null,
      exceedsLimit: spent * 3 >= limit,
      elapsedShare: 0.3,
    },
    thresholds: of.thresholds,
    thresholdsCrossed: crossed,
    ...values,
  }
}

export function budgetAlert(budgetId: string, threshold: number, raisedAt: string, values: Partial<BudgetAlert> = {}): BudgetAlert {
  return {
    id: `alr_${budgetId}_${threshold}`,
    budgetId,
    kind: 'threshold',
    threshold,
    periodStart: '2026-03-01T00:00:00Z',
    periodEnd: '2026-04-01T00:00:00Z',
    share: threshold / 100,
    raisedAt,
    delivery: 'delivered',
    deliveries: [],
    ...values,
  }
}
