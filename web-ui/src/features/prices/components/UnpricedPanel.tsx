import { Fragment, useState } from 'react'
import { Panel } from '@/components/Panel'
import { formatCompact, formatDateTime, formatInteger } from '@/lib/format'
import { browserZone } from '@/lib/use-dashboard-query'
import { useUnpriced } from '../api/get-unpriced'
import { PriceForm } from './PriceForm'
import '@/components/table.css'
import '../prices.css'
import { DataTable, type Column } from '@/components/DataTable'

const COLUMNS: Column[] = [
  { label: 'Model' },
  { label: 'Events', className: 'num' },
  { label: 'Tokens', className: 'num' },
  { label: 'First seen', className: 'hide-narrow' },
  { label: 'Last seen', className: 'hide-narrow' },
  { label: 'Action', hidden: true },
]

/** Models seen without a price, each with a one-click form to set one. */
export function UnpricedPanel({ canManage }: { canManage: boolean }) {
  const unpriced = useUnpriced()
  const [editing, setEditing] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const items = unpriced.data?.items ?? []
  return (
    <Panel
      title="Models without a price"
      status={unpriced}
      empty={items.length === 0}
      emptyTitle="Every model seen has a price"
      emptyHint="Events of a model the price list does not know are stored with cost 0 and listed here."
      skeletonHeight={120}
      testId="unpriced"
    >
      <DataTable columns={COLUMNS}>
        {items.map((m) => {
          const key = `${m.provider}/${m.model}`
          return (
            <Fragment key={key}>
              <tr data-model={m.model}>
                <td>
                  <span className="muted">{m.provider}/</span>
                  <span className="mono">{m.model}</span>
                  {m.pricedNow && (
                    <span className="tag tag-good" title="A price now applies: re-price the range to cost these events">
                      priced now
                    </span>
                  )}
                  {saved === key && !m.pricedNow && <span className="tag">saved</span>}
                </td>
                <td className="num">{formatInteger(m.events)}</td>
                <td className="num" title={formatInteger(m.totalTokens)}>
                  {formatCompact(m.totalTokens)}
                </td>
                <td className="hide-narrow nowrap">{formatDateTime(m.firstSeen, browserZone)}</td>
                <td className="hide-narrow nowrap">{formatDateTime(m.lastSeen, browserZone)}</td>
                <td className="num">
                  <button
                    type="button"
                    className="button"
                    disabled={!canManage}
                    title={canManage ? undefined : 'Needs an admin key'}
                    aria-expanded={editing === key}
                    onClick={() => setEditing(editing === key ? null : key)}
                  >
                    Set price
                  </button>
                </td>
              </tr>
              {editing === key && (
                <tr className="form-row">
                  <td colSpan={6}>
                    <PriceForm
                      model={m}
                      onCancel={() => setEditing(null)}
                      onDone={() => {
                        setEditing(null)
                        setSaved(key)
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          )
        })}
      </DataTable>
    </Panel>
  )
}
