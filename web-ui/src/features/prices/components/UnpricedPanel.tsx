import { useState } from 'react'
import type { RowColumn } from '@/components/DataTable'
import { TablePanel } from '@/components/TablePanel'
import { formatCompact, formatDateTime, formatInteger } from '@/lib/format'
import { browserZone } from '@/lib/use-dashboard-query'
import type { UnpricedModel } from '@/types/models'
import { useUnpriced } from '../api/get-unpriced'
import { PriceForm } from './PriceForm'
import '@/components/table.css'
import '../prices.css'

const keyOf = (m: UnpricedModel) => `${m.provider}/${m.model}`

/** The columns, given which model was saved last and which one's form is open. */
function columns(
  canManage: boolean,
  saved: string | null,
  editing: string | null,
  toggle: (key: string) => void,
): RowColumn<UnpricedModel>[] {
  return [
    {
      label: 'Model',
      cell: (m) => (
        <td>
          <span className="muted">{m.provider}/</span>
          <span className="mono">{m.model}</span>
          {m.pricedNow && (
            <span className="tag tag-good" title="A price now applies: re-price the range to cost these events">
              priced now
            </span>
          )}
          {saved === keyOf(m) && !m.pricedNow && <span className="tag">saved</span>}
        </td>
      ),
    },
    { label: 'Events', className: 'num', cell: (m) => <td className="num">{formatInteger(m.events)}</td> },
    {
      label: 'Tokens',
      className: 'num',
      cell: (m) => (
        <td className="num" title={formatInteger(m.totalTokens)}>
          {formatCompact(m.totalTokens)}
        </td>
      ),
    },
    {
      label: 'First seen',
      className: 'hide-narrow',
      cell: (m) => <td className="hide-narrow nowrap">{formatDateTime(m.firstSeen, browserZone)}</td>,
    },
    {
      label: 'Last seen',
      className: 'hide-narrow',
      cell: (m) => <td className="hide-narrow nowrap">{formatDateTime(m.lastSeen, browserZone)}</td>,
    },
    {
      label: 'Action',
      hidden: true,
      cell: (m) => (
        <td className="num">
          <button
            type="button"
            className="button"
            disabled={!canManage}
            title={canManage ? undefined : 'Needs an admin key'}
            aria-expanded={editing === keyOf(m)}
            onClick={() => toggle(keyOf(m))}
          >
            Set price
          </button>
        </td>
      ),
    },
  ]
}

/** Models seen without a price, each with a one-click form to set one. */
export function UnpricedPanel({ canManage }: { canManage: boolean }) {
  const unpriced = useUnpriced()
  const [editing, setEditing] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const items = unpriced.data?.items ?? []
  return (
    <TablePanel
      title="Models without a price"
      status={unpriced}
      emptyTitle="Every model seen has a price"
      emptyHint="Events of a model the price list does not know are stored with cost 0 and listed here."
      skeletonHeight={120}
      testId="unpriced"
      columns={columns(canManage, saved, editing, (key) => setEditing(editing === key ? null : key))}
      rows={items}
      rowKey={keyOf}
      rowAttributes={(m) => ({ 'data-model': m.model })}
      after={(m) =>
        editing === keyOf(m) && (
          <tr className="form-row">
            <td colSpan={6}>
              <PriceForm
                model={m}
                onCancel={() => setEditing(null)}
                onDone={() => {
                  setEditing(null)
                  setSaved(keyOf(m))
                }}
              />
            </td>
          </tr>
        )
      }
    />
  )
}
