import { formatCompact, formatLatency, formatPercent, formatRelative, formatUsd } from '@/lib/format'
import type { Breakdown } from '@/types/models'
import { NONE_LABEL } from '../prepare/breakdown'
import { COLUMNS, orderRows, type Column, type TableSort } from '../prepare/breakdown-table'
import '@/components/table.css'

interface BreakdownTableProps {
  breakdown: Breakdown
  /** The key column's heading, e.g. "Project". */
  keyLabel: string
  sort: TableSort
  onSort: (column: Column) => void
  /** Filters by a row's key; absent, keys are plain text. */
  onSelect?: (key: string) => void
  testId?: string
}

function cellText(column: Column, row: Breakdown['rows'][number]): string {
  switch (column) {
    case 'requests':
      return formatCompact(row.requests)
    case 'errorRate':
      return formatPercent(row.errorRate)
    case 'totalTokens':
      return formatCompact(row.totalTokens)
    case 'costUsd':
      return formatUsd(row.costUsd)
    case 'avgLatencyMs':
      return formatLatency(row.avgLatencyMs)
    case 'lastSeen':
      return row.lastSeen ? formatRelative(row.lastSeen) : '–'
    case 'key':
      return row.key ?? NONE_LABEL
  }
}

/** A breakdown's rows as a table; every column heading is a button that sorts by it (aria-sort says how). */
export function BreakdownTable({ breakdown, keyLabel, sort, onSort, onSelect, testId }: BreakdownTableProps) {
  const rows = orderRows(breakdown.rows, sort)
  return (
    <div className="table-scroll">
      <table className="table breakdown-table" data-testid={testId}>
        <thead>
          <tr>
            {COLUMNS.map(({ column, label, numeric }) => {
              const active = sort.column === column
              return (
                <th
                  key={column}
                  scope="col"
                  className={numeric ? 'num' : undefined}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(column)} data-column={column}>
                    {column === 'key' ? keyLabel : label}
                    <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? '__none'} data-key={row.key ?? ''}>
              {COLUMNS.map(({ column, numeric }) =>
                column === 'key' ? (
                  <td key={column}>
                    {onSelect && row.key !== null ? (
                      <button type="button" className="link-button" onClick={() => onSelect(row.key!)}>
                        {row.key}
                      </button>
                    ) : (
                      cellText(column, row)
                    )}
                  </td>
                ) : (
                  <td key={column} className={numeric ? 'num' : undefined} data-column={column}>
                    {cellText(column, row)}
                  </td>
                ),
              )}
            </tr>
          ))}
          {breakdown.other && (
            <tr className="row-other">
              {COLUMNS.map(({ column, numeric }) => (
                <td key={column} className={numeric ? 'num' : undefined}>
                  {column === 'key' ? 'Other' : cellText(column, breakdown.other!)}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
