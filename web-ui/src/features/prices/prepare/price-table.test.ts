import { describe, expect, it } from 'vitest'
import type { PriceEntry, PriceItem, PriceList } from '@/types/models'
import { preparePriceRows, priceCounts, priceProviders, readPriceSort, toRow } from './price-table'

function entry(values: Partial<PriceEntry> & Pick<PriceEntry, 'input' | 'output'>): PriceEntry {
  return {
    source: 'builtin',
    effectiveFrom: '2025-01-01T00:00:00Z',
    cachedInput: null,
    cacheWrite: null,
    reasoning: null,
    tiers: [],
    url: null,
    reference: 'r',
    serviceTiers: {},
    units: {},
    endpoint: null,
    ...values,
  }
}

function item(provider: string, model: string, current: PriceEntry | null, history: PriceEntry[] = current ? [current] : []): PriceItem {
  return { provider, model, source: current?.source ?? 'builtin', current, history }
}

const LIST: PriceList = {
  asOf: '2026-03-10T00:00:00Z',
  aliases: [],
  providerAliases: { builtin: {}, byModelPrefix: {}, tenant: {} },
  items: [
    item('openai', 'gpt-4o-mini', entry({ input: 0.15, output: 0.6, cachedInput: 0.075 })),
    item('anthropic', 'claude-sonnet-4-5', entry({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 })),
    item('acme', 'acme-unknown-1', entry({ source: 'override', input: 2.5, output: 10 })),
    item('openai', 'gpt-4.1', entry({ input: 2, output: 8 }), [
      entry({ source: 'override', input: 1, output: 4, effectiveFrom: '2027-01-01T00:00:00Z' }),
      entry({ input: 2, output: 8 }),
    ]),
    item('google', 'gemini-9', null, [
      entry({ input: 9, output: 90, effectiveFrom: '2027-06-01T00:00:00Z' }),
      entry({ input: 8, output: 80, effectiveFrom: '2027-01-01T00:00:00Z' }),
    ]),
  ],
}

const models = (rows: { model: string }[]) => rows.map((r) => r.model)

describe('price table', () => {
  it('sorts by provider and model by default', () => {
    expect(models(preparePriceRows(LIST, { search: '', providers: [], sort: 'name' }))).toEqual([
      'acme-unknown-1',
      'claude-sonnet-4-5',
      'gemini-9',
      'gpt-4.1',
      'gpt-4o-mini',
    ])
  })

  it('searches every word in provider and model, ignoring case', () => {
    expect(models(preparePriceRows(LIST, { search: 'GPT', providers: [], sort: 'name' }))).toEqual(['gpt-4.1', 'gpt-4o-mini'])
    expect(models(preparePriceRows(LIST, { search: 'openai mini', providers: [], sort: 'name' }))).toEqual(['gpt-4o-mini'])
    expect(preparePriceRows(LIST, { search: 'nothing-like-this', providers: [], sort: 'name' })).toEqual([])
  })

  it('keeps the chosen providers only', () => {
    expect(models(preparePriceRows(LIST, { search: '', providers: ['OpenAI', 'acme'], sort: 'name' }))).toEqual([
      'acme-unknown-1',
      'gpt-4.1',
      'gpt-4o-mini',
    ])
  })

  it('sorts by input or output price, most expensive first, ties by name', () => {
    expect(models(preparePriceRows(LIST, { search: '', providers: [], sort: 'input' }))).toEqual([
      'gemini-9',
      'claude-sonnet-4-5',
      'acme-unknown-1',
      'gpt-4.1',
      'gpt-4o-mini',
    ])
    expect(models(preparePriceRows(LIST, { search: '', providers: ['openai'], sort: 'output' }))).toEqual(['gpt-4.1', 'gpt-4o-mini'])
  })

  it('fills in the fallbacks of API.md §2 and marks the tenant’s own prices', () => {
    const claude = toRow(LIST.items[1]!)!
    expect([claude.cachedInput, claude.cacheWrite, claude.reasoning]).toEqual([0.3, 3.75, 15])
    const acme = toRow(LIST.items[2]!)!
    expect([acme.source, acme.cachedInput, acme.cacheWrite, acme.reasoning]).toEqual(['override', 2.5, 2.5, 10])
    // A future override is history, not the price in force.
    const gpt41 = toRow(LIST.items[3]!)!
    expect([gpt41.source, gpt41.entry.input, gpt41.hasOverride, gpt41.upcoming]).toEqual(['builtin', 2, true, false])
  })

  it('shows the soonest future price of a model with none in force yet', () => {
    const row = toRow(LIST.items[4]!)!
    expect(row.upcoming).toBe(true)
    expect(row.entry.effectiveFrom).toBe('2027-01-01T00:00:00Z')
    expect(toRow(item('x', 'y', null, []))).toBeNull()
  })

  it('lists providers once, sorted, and counts what is shown', () => {
    expect(priceProviders(LIST)).toEqual(['acme', 'anthropic', 'google', 'openai'])
    const rows = preparePriceRows(LIST, { search: 'a', providers: [], sort: 'name' })
    expect(priceCounts(LIST, rows)).toEqual({ shown: rows.length, total: 5, overrides: 1 })
  })

  it('reads the sort from the URL, defaulting to the name', () => {
    expect(readPriceSort('input')).toBe('input')
    expect(readPriceSort('cost')).toBe('name')
    expect(readPriceSort(null)).toBe('name')
  })
})
