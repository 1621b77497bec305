/**
 * The answers the overview asks for (summary, timeline, breakdowns, periods, forecast, recent
 * errors, picker values, tag keys), from fixtures a test gives or these defaults. A breakdown is
 * answered by its `by` parameter from the rows given for it; nothing is computed from events.
 */
import type { Breakdown, BreakdownRow, Forecast, Periods, Summary, Timeline, UsageEvent } from '@/types/models'
import { answer } from './api'
import { breakdown, forecast, periods, summary, threeDays } from './fixtures'

export interface OverviewFixtures {
  summary?: Summary
  timeline?: Timeline
  /** Rows per `by` (provider, apiKey, project, user, tag:env, ...); no rows for any other. */
  breakdowns?: Partial<Record<string, BreakdownRow[]>>
  periods?: Periods
  forecast?: Forecast
  errors?: UsageEvent[]
  /** Picker values per dimension (`GET /usage/values/{dimension}`). */
  values?: Partial<Record<string, string[]>>
  tagKeys?: string[]
}

export function overviewAnswers(fixtures: OverviewFixtures = {}) {
  return [
    answer.get('/api/v1/usage/summary', fixtures.summary ?? summary()),
    answer.get('/api/v1/usage/timeline', fixtures.timeline ?? threeDays()),
    answer.get('/api/v1/usage/breakdown', ({ params }): Breakdown => {
      const by = params.get('by') ?? ''
      return { ...breakdown(fixtures.breakdowns?.[by] ?? []), by }
    }),
    answer.get('/api/v1/usage/periods', fixtures.periods ?? periods()),
    answer.get('/api/v1/usage/forecast', fixtures.forecast ?? forecast()),
    answer.get('/api/v1/usage/errors', { items: fixtures.errors ?? [] }),
    answer.get('/api/v1/usage/values/{dimension}', ({ path }) => ({
      dimension: path.dimension ?? '',
      values: fixtures.values?.[path.dimension ?? ''] ?? [],
    })),
    answer.get('/api/v1/usage/tag-keys', { keys: fixtures.tagKeys ?? [] }),
  ]
}
