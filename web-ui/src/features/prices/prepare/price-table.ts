/** The price list as the page's table shows it: filtered by provider and search, sorted, one row per model. */
import type { PriceEntry, PriceItem, PriceList, PriceSource } from '@/types/models'

export const PRICE_SORTS = ['name', 'input', 'output'] as const
export type PriceSort = (typeof PRICE_SORTS)[number]

export interface PriceRow {
  key: string
  provider: string
  model: string
  source: PriceSource
  /** The entry the row shows: the one in force, else the earliest one to come. */
  entry: PriceEntry
  /** True when no price is in force yet (the row shows a future entry). */
  upcoming: boolean
  /** Prices that apply when the event gives those tokens (a missing one falls back, API.md §2). */
  cachedInput: number
  cacheWrite: number
  reasoning: number
  /** Whether the tenant set a price of its own for this model, in force or not. */
  hasOverride: boolean
}

export interface PriceFilter {
  search: string
  providers: readonly string[]
  sort: PriceSort
}

export function readPriceSort(value: string | null): PriceSort {
  return (PRICE_SORTS as readonly string[]).includes(value ?? '') ? (value as PriceSort) : 'name'
}

function shown(item: PriceItem): { entry: PriceEntry; upcoming: boolean } | null {
  if (item.current) {
    return { entry: item.current, upcoming: false }
  }
  // history is latest first: the last entry is the soonest to come
  const next = item.history[item.history.length - 1]
  return next ? { entry: next, upcoming: true } : null
}

export function toRow(item: PriceItem): PriceRow | null {
  const view = shown(item)
  if (!view) {
    return null
  }
  const { entry } = view
  return {
    key: `${item.provider}/${item.model}`,
    provider: item.provider,
    model: item.model,
    source: view.upcoming ? entry.source : item.source,
    entry,
    upcoming: view.upcoming,
    cachedInput: entry.cachedInput ?? entry.input,
    cacheWrite: entry.cacheWrite ?? entry.input,
    reasoning: entry.reasoning ?? entry.output,
    hasOverride: item.history.some((e) => e.source === 'override'),
  }
}

/** Rows matching every word of `search` (in provider or model) and one of `providers` (none = all). */
export function preparePriceRows(list: PriceList, filter: PriceFilter): PriceRow[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean)
  const providers = new Set(filter.providers.map((p) => p.toLowerCase()))
  const rows: PriceRow[] = []
  for (const item of list.items) {
    if (providers.size > 0 && !providers.has(item.provider.toLowerCase())) continue
    const text = `${item.provider}/${item.model}`.toLowerCase()
    if (!words.every((w) => text.includes(w))) continue
    const row = toRow(item)
    if (row) rows.push(row)
  }
  const byName = (a: PriceRow, b: PriceRow) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model)
  switch (filter.sort) {
    case 'name':
      return rows.sort(byName)
    case 'input':
      return rows.sort((a, b) => b.entry.input - a.entry.input || byName(a, b))
    case 'output':
      return rows.sort((a, b) => b.entry.output - a.entry.output || byName(a, b))
  }
}

/** Every provider of the list, for the filter, in alphabetical order. */
export function priceProviders(list: PriceList): string[] {
  return [...new Set(list.items.map((i) => i.provider))].sort()
}

/** Counts for the table's footer: "12 of 80 models · 2 of the tenant's own". */
export function priceCounts(list: PriceList, rows: readonly PriceRow[]): { shown: number; total: number; overrides: number } {
  return { shown: rows.length, total: list.items.length, overrides: rows.filter((r) => r.source === 'override').length }
}
