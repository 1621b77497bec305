import { RowsTable, type RowColumn } from '@/components/DataTable'
import type { DeliveryRow } from '../prepare/alert-rows'

export function tone(state: string): string {
  if (state === 'delivered') return ' tag-good'
  if (state === 'given_up') return ' tag-bad'
  if (state === 'failed' || state === 'retrying') return ' tag-warn'
  return ''
}

const COLUMNS: RowColumn<DeliveryRow>[] = [
  {
    label: 'Channel',
    cell: (d) => (
      <td className="alert-channel" data-field="channel" title={d.id}>
        {d.channel}
      </td>
    ),
  },
  {
    label: 'State',
    cell: (d) => (
      <td>
        <span className={`tag${tone(d.state)}`} data-field="state" data-state={d.state}>
          {d.stateLabel}
        </span>
      </td>
    ),
  },
  { label: 'Attempts', className: 'num', cell: (d) => cell('num', 'attempts', d.attempts) },
  { label: 'Last code', className: 'num', cell: (d) => cell('num', 'code', d.lastCode) },
  { label: 'Next attempt', cell: (d) => cell('nowrap', 'next', d.nextAttempt) },
  { label: 'Outcome', cell: (d) => cell('alert-outcome', 'outcome', d.outcome) },
]

function cell(className: string, field: string, value: string | number) {
  return (
    <td className={className} data-field={field}>
      {value}
    </td>
  )
}

/** Each channel's delivery of an alert or notice: state, attempts, last code, next attempt and outcome. */
export function DeliveryTable({ deliveries, label }: { deliveries: DeliveryRow[]; label: string }) {
  return (
    <RowsTable
      columns={COLUMNS}
      rows={deliveries}
      rowKey={(d) => d.id}
      rowAttributes={(d) => ({ 'data-testid': `delivery-${d.id}` })}
      className="alert-deliveries"
      label={label}
    />
  )
}
