import { describe, expect, it } from 'vitest'
import type { Job, UnpricedModel } from '@/types/models'
import { defaultRepriceRange, jobView, validateRepriceRange } from './reprice'

const model = (firstSeen: string): UnpricedModel => ({
  provider: 'acme',
  model: 'm',
  events: 1,
  inputTokens: 1,
  outputTokens: 1,
  totalTokens: 2,
  firstSeen,
  lastSeen: '2026-03-10T10:00:00Z',
  pricedNow: false,
})

const job = (values: Partial<Job>): Job => ({
  id: 'job_1',
  type: 'reprice',
  tenant: 't',
  state: 'running',
  from: '2026-03-01T00:00:00Z',
  to: '2026-03-11T00:00:00Z',
  eventsTotal: 2000,
  eventsDone: 1000,
  eventsRepriced: 0,
  daysTotal: 10,
  daysDone: 4,
  progress: 0.4,
  createdAt: '2026-03-10T10:00:00Z',
  startedAt: null,
  finishedAt: null,
  error: null,
  ...values,
})

describe('re-price range', () => {
  it('runs from the first unpriced event’s UTC day through today', () => {
    const now = Date.parse('2026-03-10T15:00:00Z')
    expect(defaultRepriceRange([model('2026-03-04T08:00:00Z'), model('2026-02-27T23:59:00Z')], now)).toEqual({
      from: '2026-02-27',
      to: '2026-03-11',
    })
    expect(defaultRepriceRange([], now)).toEqual({ from: '2026-03-10', to: '2026-03-11' })
  })

  it('refuses an empty, reversed or too long range', () => {
    expect(validateRepriceRange('2026-03-01', '2026-03-02')).toEqual({ range: { from: '2026-03-01', to: '2026-03-02' }, error: null })
    expect(validateRepriceRange('2026-03-02', '2026-03-02').error).toBe('The end must be after the start.')
    expect(validateRepriceRange('', '2026-03-02').error).toBe('Give both dates.')
    expect(validateRepriceRange('2025-01-01', '2026-03-01').error).toMatch(/at most 400 days/)
  })
})

describe('job progress', () => {
  it('shows a running job’s days and events', () => {
    expect(jobView(job({}))).toEqual({
      percent: 40,
      label: 'Re-pricing: 4 of 10 days, 1,000 of 2,000 events',
      finished: false,
      failed: false,
    })
  })

  it('is full when done, and says what changed', () => {
    expect(jobView(job({ state: 'done', progress: 1, daysDone: 10, eventsDone: 2000, eventsRepriced: 35 }))).toEqual({
      percent: 100,
      label: 'Done: 2,000 events examined, 35 re-priced',
      finished: true,
      failed: false,
    })
  })

  it('waits at zero while queued and gives the reason of a failure', () => {
    expect(jobView(job({ state: 'queued', progress: 0 })).percent).toBe(0)
    expect(jobView(job({ state: 'failed', error: 'database went away' }))).toMatchObject({
      label: 'Failed: database went away',
      failed: true,
      finished: true,
    })
  })
})
