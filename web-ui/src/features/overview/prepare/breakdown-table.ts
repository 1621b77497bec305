/**
 * The sortable breakdown table: every column sorts. A measure column asks the API for the top rows
 * by that measure (so "top 10 by latency" is really the ten slowest keys, not a re-sort of the ten
 * costliest); a second click reverses the shown rows. The key column sorts the shown rows by name.
 */
import type { BreakdownRow, BreakdownSort } from '@/types/models'

export type Column = 'key' | 'requests' | 'errorRate' | 'totalTokens' | 'costUsd' | 'avgLatencyMs' | 'lastSeen'
export type Direction = 'asc' | 'desc'

export interface TableSort {
  column: Column
  direction: Direction
}

export const COLUMNS: { column: Column; label: string; numeric: boolean }[] = [
  { column: 'key', label: 'Key', numeric: false },
  { column: 'requests', label: 'Requests', numeric: true },
  { column: 'errorRate', label: 'Error rate', numeric: true },
  { column: 'totalTokens', label: 'Tokens', numeric: true },
  { column: 'costUsd', label: 'Cost', numeric: true },
  { column: 'avgLatencyMs', label: 'Avg latency', numeric: true },
  { column: 'lastSeen', label: 'Last seen', numeric: true },
]

const API_SORT: Record<Exclude<Column, 'key'>, BreakdownSort> = {
  requests: 'requests',
  errorRate: 'errorRate',
  totalTokens: 'tokens',
  costUsd: 'cost',
  avgLatencyMs: 'latency',
  lastSeen: 'lastSeen',
}

/** The API's `sort` for a table sort: the column's measure, or `fallback` for the key column. */
export function apiSort(sort: TableSort, fallback: BreakdownSort): BreakdownSort {
  return sort.column === 'key' ? fallback : API_SORT[sort.column]
}

/** What a click on `column` does: the same column flips the direction, another starts descending (names ascending). */
export function nextSort(current: TableSort, column: Column): TableSort {
  if (current.column === column) {
    return { column, direction: current.direction === 'desc' ? 'asc' : 'desc' }
  }
  return { column, direction: column === 'key' ? 'asc' : 'desc' }
}

function value(row: BreakdownRow, column: Column): string | number | null {
  if (column === 'lastSeen') {
    return row.lastSeen === null ? null : Date.parse(row.lastSeen)
  }
  return row[column]
}

/** The shown rows in the table's order; rows without a value (no latency, no key) last in both directions. */
export function orderRows(rows: readonly BreakdownRow[], sort: TableSort): BreakdownRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = value(a.row, sort.column)
      const y = value(b.row, sort.column)
      if (x === null || y === null) {
        return x === y ? a.index - b.index : x === null ? 1 : -1
      }
      const compared = typeof x === 'string' && typeof y === 'string' ? (x < y ? -1 : x > y ? 1 : 0) : Number(x) - Number(y)
      return compared === 0 ? a.index - b.index : sign * compared
    })
    .map(({ row }) => row)
}
