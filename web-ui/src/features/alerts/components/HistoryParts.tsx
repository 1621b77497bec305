import type { ReactNode } from 'react'
import { Link } from '@/components/Link'
import type { DeliveryRow } from '../prepare/alert-rows'
import { DeliveryTable, tone } from './DeliveryTable'

/** What a budget alert and a rule's notice have in common on screen. */
interface HistoryRow {
  id: string
  /** What was raised, in words ("80% threshold", "Error rate above 5%"). */
  title: string
  raised: string
  raisedAt: string
  delivery: string
  deliveryLabel: string
  deliveries: DeliveryRow[]
}

/** What raised an alert or notice, linked to where it is set up. */
interface Source {
  name: string
  href: string
  /** The link's `data-field`. */
  field: string
}

/**
 * One alert or notice: its title (what, a muted context, the source that raised it), when it was
 * raised, how its delivery went, and each channel's delivery.
 */
export function HistoryItem({
  row,
  context,
  source,
  className,
  testId,
  type,
}: {
  row: HistoryRow
  context: string
  source: Source
  className: string
  testId: string
  type?: string
}) {
  return (
    <li className={className} data-testid={testId} data-type={type} data-delivery={row.delivery}>
      <div className="alert-item-head">
        <span className="alert-item-title">
          <strong data-field="title">{row.title}</strong> <span className="muted">{context}</span>{' '}
          <Link href={source.href} data-field={source.field}>
            {source.name}
          </Link>
        </span>
        <time className="muted small" dateTime={row.raisedAt} data-field="raised">
          {row.raised}
        </time>
        <span className={`tag${tone(row.delivery)}`} data-field="delivery">
          {row.deliveryLabel}
        </span>
      </div>
      {row.deliveries.length > 0 && <DeliveryTable deliveries={row.deliveries} label={`Deliveries of ${row.title}, ${source.name}`} />}
    </li>
  )
}

/** One filter of a history: a labelled select whose empty value means "all". */
export function FilterSelect({
  id,
  label,
  value,
  allLabel,
  onChange,
  testId,
  children,
}: {
  id: string
  label: string
  value: string | null
  allLabel: string
  onChange: (value: string | null) => void
  testId: string
  children: ReactNode
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
        <option value="">{allLabel}</option>
        {children}
      </select>
    </>
  )
}

/** The filters of a history, with a button that clears them while any is set. */
export function HistoryFilters({
  label,
  filtered,
  clearLabel,
  onClear,
  children,
}: {
  label: string
  filtered: boolean
  clearLabel: string
  onClear: () => void
  children: ReactNode
}) {
  return (
    <div className="alerts-filters" role="group" aria-label={label}>
      {children}
      {filtered && (
        <button type="button" className="button button-quiet" onClick={onClear}>
          {clearLabel}
        </button>
      )}
    </div>
  )
}
