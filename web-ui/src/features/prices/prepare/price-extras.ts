/** What a price gives beyond its five token prices, as short labelled lines for the table's "Tiers and units" cell. */
import type { PriceEntry, PriceImportItem, PriceImportResult, PriceList } from '@/types/models'

export interface ExtraLine {
  /** `batch`, `long context`, `unit` */
  kind: string
  /** e.g. `×0.5 of standard`, `> 200,000 input tokens: 2.5 / 15`, `webSearches $0.025 each` */
  text: string
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 9 })

/** Service tiers (multiplier or input/output per 1M), long-context tiers and unit prices (USD per one unit), in that order. */
export function priceExtras(entry: PriceEntry): ExtraLine[] {
  const lines: ExtraLine[] = []
  for (const [tier, prices] of Object.entries(entry.serviceTiers ?? {})) {
    const text =
      prices.multiplier !== undefined
        ? `×${number.format(prices.multiplier)} of standard`
        : `${number.format(prices.input ?? 0)} / ${number.format(prices.output ?? 0)}` +
          (prices.cachedInput !== undefined ? ` · cached ${number.format(prices.cachedInput)}` : '')
    lines.push({ kind: tier, text })
  }
  for (const tier of entry.tiers ?? []) {
    lines.push({
      kind: 'long context',
      text: `> ${number.format(tier.aboveInputTokens)} input tokens: ${number.format(tier.input)} / ${number.format(tier.output)}`,
    })
  }
  for (const [unit, usd] of Object.entries(entry.units ?? {})) {
    lines.push({ kind: 'unit', text: `${unit} $${number.format(usd)} each` })
  }
  return lines
}

/** A provider alias: "alias → provider (who says so)". */
export interface ProviderAliasRow {
  alias: string
  provider: string
  origin: 'yours' | 'built-in' | 'by model prefix'
}

/** Provider aliases as rows, the tenant's own first. */
export function providerAliasRows(list: PriceList): ProviderAliasRow[] {
  const aliases = list.providerAliases
  if (!aliases) return []
  const rows: ProviderAliasRow[] = []
  for (const [alias, provider] of Object.entries(aliases.tenant)) rows.push({ alias, provider, origin: 'yours' })
  for (const [alias, provider] of Object.entries(aliases.builtin)) {
    if (!(alias in aliases.tenant)) rows.push({ alias, provider, origin: 'built-in' })
  }
  for (const [host, prefixes] of Object.entries(aliases.byModelPrefix)) {
    for (const [prefix, provider] of Object.entries(prefixes))
      rows.push({ alias: `${host} · ${prefix}*`, provider, origin: 'by model prefix' })
  }
  return rows
}

export type DiffKind = 'added' | 'changed' | 'unchanged'

export interface DiffRow {
  kind: DiffKind
  key: string
  name: string
  /** One line per price: `input 3.0000000000000004E-7 → 0.3 (rounded)`; tiers prefixed, units per one unit. */
  prices: { label: string; raw: string; stored: string; rounded: boolean }[]
  /** The price in force before, for a changed row: `0.1 / 0.1 (your price)`. */
  before: string | null
}

function amountLines(prefix: string, amounts: PriceImportItem['prices']): DiffRow['prices'] {
  return Object.entries(amounts).map(([field, amount]) => ({
    label: prefix + field,
    raw: amount.raw,
    stored: number.format(amount.perMillion),
    rounded: amount.rounded,
  }))
}

function toDiffRow(kind: DiffKind, item: PriceImportItem): DiffRow {
  const prices = amountLines('', item.prices)
  for (const [tier, amounts] of Object.entries(item.serviceTiers ?? {})) prices.push(...amountLines(`${tier} `, amounts))
  for (const [unit, usd] of Object.entries(item.units ?? {})) {
    prices.push({ label: `${unit} (per unit)`, raw: String(usd), stored: number.format(usd), rounded: false })
  }
  const before = item.before
    ? `${number.format(item.before.input)} / ${number.format(item.before.output)} (${item.before.source === 'override' ? 'your price' : 'built-in'})`
    : null
  return { kind, key: item.key, name: `${item.provider}/${item.model}`, prices, before }
}

/** The diff's rows: changed first (they replace a price), then added, then unchanged, each as the API ordered them. */
export function prepareImportDiff(result: PriceImportResult): DiffRow[] {
  return [
    ...result.changed.map((item) => toDiffRow('changed', item)),
    ...result.added.map((item) => toDiffRow('added', item)),
    ...result.unchanged.map((item) => toDiffRow('unchanged', item)),
  ]
}
