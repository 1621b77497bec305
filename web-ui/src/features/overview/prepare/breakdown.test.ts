import { describe, expect, it } from 'vitest'
import { colorForKey, METRIC_COLORS } from '@/lib/colors'
import { breakdown, row } from '@/test/fixtures'
import { prepareCostBars, prepareDonut, prepareKeyRows, prepareRequestBars, prepareTokenBars } from './breakdown'

describe('breakdown preparers', () => {
  const providers = breakdown(
    [
      row('openai', { costUsd: 6, share: 0.6, totalTokens: 120_000 }),
      row('anthropic', { costUsd: 3, share: 0.3 }),
      row(null, { costUsd: 0.5, share: 0.05 }),
    ],
    row('other', { costUsd: 0.5, share: 0.05 }),
  )

  it('makes donut slices with share and tokens; only real keys are clickable', () => {
    const donut = prepareDonut(providers, ['anthropic', 'openai'], 'providers')
    expect(donut.items.map((i) => [i.label, i.value, i.selectable])).toEqual([
      ['openai', 6, true],
      ['anthropic', 3, true],
      ['(none)', 0.5, false],
      ['Other', 0.5, false],
    ])
    expect(donut.items[0]!.detail).toBe('60.0% of cost · 120K tokens')
    expect(donut.items[0]!.color).toBe(colorForKey('openai', ['anthropic', 'openai']))
    expect(donut.items[3]!.color).toBe(METRIC_COLORS.other)
    expect(donut.legend[0]).toMatchObject({ share: '60.0%', tokens: '120K', cost: '$6.00' })
    expect(donut.note).toBe('Top 3 providers; the rest as Other')
  })

  it('says the donut is empty when nothing cost anything', () => {
    expect(prepareDonut(breakdown([row('x', { costUsd: 0 })]), [], 'providers').empty).toBe(true)
  })

  it('makes cost bars with Other last and the N of M note', () => {
    const bars = prepareCostBars(providers, 'projects', 12)
    expect(bars.categories.map((c) => [c.label, c.selectable])).toEqual([
      ['openai', true],
      ['anthropic', true],
      ['(none)', false],
      ['Other', false],
    ])
    expect(bars.series[0]!.data).toEqual([6, 3, 0.5, 0.5])
    expect(bars.note).toBe('Top 3 of 12 projects; the rest as Other')
  })

  it('stacks input and output tokens per model', () => {
    const bars = prepareTokenBars(breakdown([row('a', { inputTokens: 10, outputTokens: 5 })]), 'models')
    expect(bars.series.map((s) => [s.name, s.data, s.stack])).toEqual([
      ['Input', [10], 'tokens'],
      ['Output', [5], 'tokens'],
    ])
    expect(bars.note).toBeUndefined()
  })

  it('pairs requests with the error rate per endpoint', () => {
    const bars = prepareRequestBars(breakdown([row('chat', { requests: 40, errorRate: 0.25 })]), 'endpoints')
    expect(bars.series[0]!.data).toEqual([40])
    expect(bars.rate).toMatchObject({ name: 'Error rate', data: [0.25], format: 'percent' })
  })

  it('computes each key’s success rate', () => {
    const rows = prepareKeyRows(breakdown([row('k1', { requests: 8, successes: 6 }), row('k0', { requests: 0, successes: 0 })]))
    expect(rows.map((r) => [r.label, r.successRate])).toEqual([
      ['k1', 0.75],
      ['k0', null],
    ])
  })
})
