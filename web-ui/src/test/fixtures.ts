import type { Breakdown, BreakdownRow, Summary, Timeline, TimelinePoint } from '@/types/models'

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
