import { describe, expect, it } from 'vitest'
import type { PriceEntry, PriceImportResult, PriceList } from '@/types/models'
import { prepareImportDiff, priceExtras, providerAliasRows } from './price-extras'

const ENTRY: PriceEntry = {
  source: 'builtin',
  effectiveFrom: '2024-07-18T00:00:00Z',
  input: 0.15,
  output: 0.6,
  cachedInput: 0.075,
  cacheWrite: null,
  reasoning: null,
  tiers: [{ aboveInputTokens: 200000, input: 0.3, output: 1.2 }],
  url: 'https://platform.openai.com/docs/pricing',
  reference: 'openai/gpt-4o-mini@2024-07-18T00:00:00Z',
  serviceTiers: { batch: { multiplier: 0.5 }, priority: { input: 0.25, cachedInput: 0.125, output: 1 } },
  units: { webSearches: 0.025 },
  endpoint: null,
}

describe('priceExtras', () => {
  it('listsServiceTiersThenLongContextTiersThenUnitPricesPerOneUnit', () => {
    expect(priceExtras(ENTRY)).toEqual([
      { kind: 'batch', text: '×0.5 of standard' },
      { kind: 'priority', text: '0.25 / 1 · cached 0.125' },
      { kind: 'long context', text: '> 200,000 input tokens: 0.3 / 1.2' },
      { kind: 'unit', text: 'webSearches $0.025 each' },
    ])
  })

  it('givesNothingForAPriceWithOnlyTokenPrices', () => {
    expect(priceExtras({ ...ENTRY, tiers: [], serviceTiers: {}, units: {} })).toEqual([])
  })
})

describe('providerAliasRows', () => {
  it('putsTheTenantsOwnAliasFirstAndHidesTheBuiltInOneItOverrides', () => {
    const list = {
      providerAliases: {
        builtin: { gemini: 'google', azure: 'openai' },
        byModelPrefix: { bedrock: { 'anthropic.': 'anthropic' } },
        tenant: { azure: 'my-azure' },
      },
    } as unknown as PriceList
    expect(providerAliasRows(list)).toEqual([
      { alias: 'azure', provider: 'my-azure', origin: 'yours' },
      { alias: 'gemini', provider: 'google', origin: 'built-in' },
      { alias: 'bedrock · anthropic.*', provider: 'anthropic', origin: 'by model prefix' },
    ])
  })
})

describe('prepareImportDiff', () => {
  it('showsChangedThenAddedThenUnchangedWithRawAndRoundedPricesTierPricesAndUnits', () => {
    const amount = (raw: string, perMillion: number, rounded = false) => ({ raw, perMillion, rounded })
    const result: PriceImportResult = {
      format: 'litellm',
      effectiveFrom: '2026-12-01T00:00:00Z',
      dryRun: true,
      counts: { added: 1, changed: 1, unchanged: 1, skipped: 0 },
      added: [
        {
          key: 'gpt-4o-search-preview',
          provider: 'openai',
          model: 'gpt-4o-search-preview',
          prices: { input: amount('0.0000025', 2.5) },
          serviceTiers: { batch: { input: amount('0.00000125', 1.25) } },
          units: { images: 0.04 },
          before: null,
        },
      ],
      changed: [
        {
          key: 'ai21.jamba-1-5-mini-v1:0',
          provider: 'bedrock',
          model: 'ai21.jamba-1-5-mini-v1:0',
          prices: { input: amount('3.0000000000000004E-7', 0.3, true) },
          serviceTiers: {},
          units: {},
          before: {
            source: 'override',
            effectiveFrom: '2026-01-01T00:00:00Z',
            input: 0.1,
            output: 0.1,
            cachedInput: null,
            cacheWrite: null,
            reasoning: null,
          },
        },
      ],
      unchanged: [{ key: 'gpt-4o-mini', provider: 'openai', model: 'gpt-4o-mini', prices: {}, serviceTiers: {}, units: {}, before: null }],
      skipped: [],
    }
    const rows = prepareImportDiff(result)
    expect(rows.map((r) => [r.kind, r.name])).toEqual([
      ['changed', 'bedrock/ai21.jamba-1-5-mini-v1:0'],
      ['added', 'openai/gpt-4o-search-preview'],
      ['unchanged', 'openai/gpt-4o-mini'],
    ])
    expect(rows[0]!.prices).toEqual([{ label: 'input', raw: '3.0000000000000004E-7', stored: '0.3', rounded: true }])
    expect(rows[0]!.before).toBe('0.1 / 0.1 (your price)')
    expect(rows[1]!.prices).toEqual([
      { label: 'input', raw: '0.0000025', stored: '2.5', rounded: false },
      { label: 'batch input', raw: '0.00000125', stored: '1.25', rounded: false },
      { label: 'images (per unit)', raw: '0.04', stored: '0.04', rounded: false },
    ])
  })
})
