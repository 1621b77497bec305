import { useMemo } from 'react'
import { Panel } from '@/components/Panel'
import { formatCompact, formatInteger, formatPercent, formatRelative, formatUsd } from '@/lib/format'
import { useDashboardQuery } from '@/lib/use-dashboard-query'
import { DataTable, type Column } from '@/components/DataTable'
import { useBreakdown } from '../api/get-breakdown'
import { useSummary } from '../api/get-summary'
import { prepareKeyRows } from '../prepare/breakdown'
import '@/components/table.css'

const COLUMNS: Column[] = [
  { label: 'API key' },
  { label: 'Requests', className: 'num' },
  { label: 'Success rate', className: 'num hide-narrow' },
  { label: 'Tokens', className: 'num' },
  { label: 'Cost', className: 'num' },
  { label: 'Last used', className: 'num hide-narrow' },
]

/** Usage by API key; a key's name filters the dashboard by it. */
export function ApiKeyTable() {
  const { query, addFilter } = useDashboardQuery()
  const breakdown = useBreakdown(query, { by: 'apiKey', sort: 'cost', limit: 20 })
  const summary = useSummary(query)
  const rows = useMemo(() => breakdown.data && prepareKeyRows(breakdown.data), [breakdown.data])
  const distinct = summary.data?.distinct.apiKeys
  const note =
    breakdown.data?.other && distinct ? `Top ${breakdown.data.rows.length} of ${formatInteger(distinct)} keys by cost` : undefined
  return (
    <Panel
      title="By API key"
      status={breakdown}
      empty={breakdown.data?.total.requests === 0}
      testId="table-keys"
      skeletonHeight={200}
      footer={note ? <p className="note">{note}</p> : undefined}
    >
      <DataTable columns={COLUMNS}>
        {rows?.map((row) => (
          <tr key={row.key ?? '__none'} data-key={row.key ?? ''}>
            <td>
              {row.selectable && row.key ? (
                <button type="button" className="link-button mono nowrap" onClick={() => addFilter('apiKey', row.key!)}>
                  {row.label}
                </button>
              ) : (
                <span className="muted">{row.label}</span>
              )}
            </td>
            <td className="num" title={formatInteger(row.requests)}>
              {formatCompact(row.requests)}
            </td>
            <td className="num hide-narrow">{formatPercent(row.successRate)}</td>
            <td className="num" title={formatInteger(row.totalTokens)}>
              {formatCompact(row.totalTokens)}
            </td>
            <td className="num">{formatUsd(row.costUsd)}</td>
            <td className="num hide-narrow" title={row.lastSeen ?? undefined}>
              {formatRelative(row.lastSeen)}
            </td>
          </tr>
        ))}
      </DataTable>
    </Panel>
  )
}
