import { describe, expect, it } from 'vitest'
import { METRIC_COLORS } from '@/lib/colors'
import { point, threeDays } from '@/test/fixtures'
import type { PreviousPeriod, Timeline } from '@/types/models'
import { prepareCost, prepareLatency, prepareRequests, prepareTokens, withPrevious } from './timeline'

describe('timeline preparers', () => {
  it('stacks successes, errors and timeouts per bucket, labelled in the zone', () => {
    const chart = prepareRequests(threeDays())
    expect(chart.labels).toEqual(['Mar 7', 'Mar 8', 'Mar 9'])
    expect(chart.series.map((s) => [s.name, s.data, s.stack])).toEqual([
      ['Success', [8, 0, 4], 'requests'],
      ['Error', [1, 0, 0], 'requests'],
      ['Timeout', [1, 0, 0], 'requests'],
    ])
    expect(chart.empty).toBe(false)
  })

  it('keeps a bucket without requests as a gap for latency, not a zero', () => {
    const chart = prepareLatency(threeDays())
    expect(chart.series[0]!.data).toEqual([400, null, 350])
    expect(chart.series[1]!.data).toEqual([900, null, 500])
  })

  it('draws input and output tokens', () => {
    const chart = prepareTokens(threeDays())
    expect(chart.series.map((s) => s.data)).toEqual([
      [1000, 0, 300],
      [200, 0, 100],
    ])
  })

  it('says when there is nothing to draw', () => {
    const empty: Timeline = { ...threeDays(), buckets: threeDays().buckets.map((b) => point(b.start, b.end)) }
    expect(prepareRequests(empty).empty).toBe(true)
    expect(prepareLatency(empty).empty).toBe(true)
    expect(prepareCost(empty).empty).toBe(true)
  })

  it('draws total cost as one series', () => {
    const chart = prepareCost(threeDays())
    expect(chart.series).toEqual([{ name: 'Cost', color: METRIC_COLORS.cost, data: [0.5, 0, 0.25], kind: 'bar' }])
    expect(chart.note).toBeUndefined()
  })

  it('stacks grouped cost with stable colours and an honest "N of M"', () => {
    const base = threeDays()
    const grouped: Timeline = {
      ...base,
      series: [
        { key: 'gpt-4o', other: false, points: base.buckets },
        { key: null, other: false, points: base.buckets },
        { key: 'other', other: true, points: base.buckets },
      ],
    }
    const chart = prepareCost(grouped, { noun: 'models', known: ['o3', 'gpt-4o'], distinct: 7 })
    expect(chart.series.map((s) => s.name)).toEqual(['gpt-4o', '(none)', 'Other'])
    expect(chart.series[2]!.color).toBe(METRIC_COLORS.other)
    expect(chart.series.every((s) => s.stack === 'cost')).toBe(true)
    expect(chart.note).toBe('Top 2 of 7 models by cost; the rest as Other')
    expect(prepareCost(grouped, { noun: 'models', known: [], distinct: null }).note).toBe('Top 2 models by cost; the rest as Other')
    expect(
      prepareCost({ ...grouped, series: grouped.series!.slice(0, 1) }, { noun: 'models', known: [], distinct: 1 }).note,
    ).toBeUndefined()
  })
})

describe('the previous period', () => {
  const bucket = (start: string, requests: number) =>
    ({
      start,
      end: start,
      requests,
      successes: requests,
      errors: 0,
      timeouts: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      totalTokens: requests * 10,
      costUsd: requests / 4,
      unpricedRequests: 0,
      avgLatencyMs: null,
      p95LatencyMs: null,
    }) as Timeline['buckets'][number]
  const current: Timeline = {
    bucket: 'day',
    tz: 'UTC',
    from: '2026-03-08T00:00:00Z',
    to: '2026-03-11T00:00:00Z',
    series: null,
    buckets: [bucket('2026-03-08T00:00:00Z', 1), bucket('2026-03-09T00:00:00Z', 2), bucket('2026-03-10T00:00:00Z', 3)],
  }

  it('is one dashed line of the total, aligned bucket by bucket, with gaps where it has no bucket', () => {
    const previous: PreviousPeriod = {
      from: '2026-03-05T00:00:00Z',
      to: '2026-03-08T00:00:00Z',
      buckets: [bucket('2026-03-05T00:00:00Z', 7), bucket('2026-03-06T00:00:00Z', 0)],
    }
    const drawn = withPrevious(prepareRequests(current), previous, 'requests')
    const line = drawn.series[drawn.series.length - 1]!
    expect(line).toMatchObject({ name: 'Previous period', kind: 'line', dashed: true, data: [7, 0, null] })
    expect(withPrevious(prepareCost(current), previous, 'costUsd').series.at(-1)!.data).toEqual([1.75, 0, null])
    expect(withPrevious(prepareRequests(current), undefined, 'requests').series).toHaveLength(3)
  })
})
