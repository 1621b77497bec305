import { useMemo } from 'react'
import { Panel } from '@/components/Panel'
import { DataTable, type Column } from '@/components/DataTable'
import { usePrices } from '../api/get-prices'
import { providerAliasRows } from '../prepare/price-extras'
import '@/components/table.css'
import '../prices.css'

const COLUMNS: Column[] = [{ label: 'Name in events' }, { label: 'Priced as' }, { label: 'Rule' }]

/** Other provider names and whose prices they use (API.md §4); events keep the name they were sent with. */
export function AliasTable() {
  const prices = usePrices()
  const rows = useMemo(() => (prices.data ? providerAliasRows(prices.data) : []), [prices.data])
  return (
    <Panel
      title="Provider aliases"
      status={prices}
      empty={rows.length === 0}
      emptyTitle="No provider aliases"
      emptyHint="Events are priced by the provider name they carry."
      skeletonHeight={120}
      testId="provider-aliases"
    >
      <DataTable columns={COLUMNS} className="alias-table">
        {rows.map((row) => (
          <tr key={`${row.origin}:${row.alias}`} data-alias={row.alias}>
            <td>{row.alias}</td>
            <td>{row.provider}</td>
            <td>{row.origin === 'yours' ? <span className="tag tag-accent">yours</span> : <span className="tag">{row.origin}</span>}</td>
          </tr>
        ))}
      </DataTable>
    </Panel>
  )
}
