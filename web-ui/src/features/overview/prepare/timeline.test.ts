import { describe, expect, it } from 'vitest'
import { METRIC_COLORS } from '@/lib/colors'
import { point, threeDays } from '@/test/fixtures'
import type { Timeline } from '@/types/api'
import { prepareCost, prepareLatency, prepareRequests, prepareTokens } from './timeline'

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
    expect(prepareCost({ ...grouped, series: grouped.series!.slice(0, 1) }, { noun: 'models', known: [], distinct: 1 }).note).toBeUndefined()
  })
})
