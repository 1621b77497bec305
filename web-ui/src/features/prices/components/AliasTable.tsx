import { useMemo } from 'react'
import type { RowColumn } from '@/components/DataTable'
import { TablePanel } from '@/components/TablePanel'
import { usePrices } from '../api/get-prices'
import { providerAliasRows, type ProviderAliasRow } from '../prepare/price-extras'
import '@/components/table.css'
import '../prices.css'

const COLUMNS: RowColumn<ProviderAliasRow>[] = [
  { label: 'Name in events', cell: (row) => <td>{row.alias}</td> },
  { label: 'Priced as', cell: (row) => <td>{row.provider}</td> },
  {
    label: 'Rule',
    cell: (row) => (
      <td>{row.origin === 'yours' ? <span className="tag tag-accent">yours</span> : <span className="tag">{row.origin}</span>}</td>
    ),
  },
]

/** Other provider names and whose prices they use (API.md §4); events keep the name they were sent with. */
export function AliasTable() {
  const prices = usePrices()
  const rows = useMemo(() => (prices.data ? providerAliasRows(prices.data) : []), [prices.data])
  return (
    <TablePanel
      title="Provider aliases"
      status={prices}
      emptyTitle="No provider aliases"
      emptyHint="Events are priced by the provider name they carry."
      skeletonHeight={120}
      testId="provider-aliases"
      columns={COLUMNS}
      rows={rows}
      rowKey={(row) => `${row.origin}:${row.alias}`}
      rowAttributes={(row) => ({ 'data-alias': row.alias })}
      tableClass="alias-table"
    />
  )
}
