import { useMemo } from 'react'
import { formatCompact, formatInteger, formatPercent, formatRelative, formatUsd } from '@/lib/format'
import { useDashboardQuery } from '@/lib/use-dashboard-query'
import type { RowColumn } from '@/components/DataTable'
import { TablePanel } from '@/components/TablePanel'
import { useBreakdown } from '../api/get-breakdown'
import { useSummary } from '../api/get-summary'
import { API_KEYS } from '../first-screen'
import { prepareKeyRows, type KeyRow } from '../prepare/breakdown'
import '@/components/table.css'

/** A count in short form, exact on hover. */
function compactCell(value: number) {
  return (
    <td className="num" title={formatInteger(value)}>
      {formatCompact(value)}
    </td>
  )
}

function columns(addFilter: (dimension: 'apiKey', value: string) => void): RowColumn<KeyRow>[] {
  return [
    {
      label: 'API key',
      cell: (row) => (
        <td>
          {row.selectable && row.key ? (
            <button type="button" className="link-button mono nowrap" onClick={() => addFilter('apiKey', row.key!)}>
              {row.label}
            </button>
          ) : (
            <span className="muted">{row.label}</span>
          )}
        </td>
      ),
    },
    { label: 'Requests', className: 'num', cell: (row) => compactCell(row.requests) },
    {
      label: 'Success rate',
      className: 'num hide-narrow',
      cell: (row) => <td className="num hide-narrow">{formatPercent(row.successRate)}</td>,
    },
    { label: 'Tokens', className: 'num', cell: (row) => compactCell(row.totalTokens) },
    { label: 'Cost', className: 'num', cell: (row) => <td className="num">{formatUsd(row.costUsd)}</td> },
    {
      label: 'Last used',
      className: 'num hide-narrow',
      cell: (row) => (
        <td className="num hide-narrow" title={row.lastSeen ?? undefined}>
          {formatRelative(row.lastSeen)}
        </td>
      ),
    },
  ]
}

/** Usage by API key; a key's name filters the dashboard by it. */
export function ApiKeyTable() {
  const { query, addFilter } = useDashboardQuery()
  const breakdown = useBreakdown(query, API_KEYS)
  const summary = useSummary(query)
  const rows = useMemo(() => breakdown.data && prepareKeyRows(breakdown.data), [breakdown.data])
  const distinct = summary.data?.distinct.apiKeys
  const note =
    breakdown.data?.other && distinct ? `Top ${breakdown.data.rows.length} of ${formatInteger(distinct)} keys by cost` : undefined
  return (
    <TablePanel
      title="By API key"
      status={breakdown}
      testId="table-keys"
      skeletonHeight={200}
      footer={note ? <p className="note">{note}</p> : undefined}
      columns={columns(addFilter)}
      rows={rows ?? []}
      rowKey={(row) => row.key ?? '__none'}
      rowAttributes={(row) => ({ 'data-key': row.key ?? '' })}
    />
  )
}
