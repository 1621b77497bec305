import { DataTable, type Column } from '@/components/DataTable'
import type { DeliveryRow } from '../prepare/alert-rows'

const COLUMNS: Column[] = [
  { label: 'Channel' },
  { label: 'State' },
  { label: 'Attempts', className: 'num' },
  { label: 'Last code', className: 'num' },
  { label: 'Next attempt' },
  { label: 'Outcome' },
]

export function tone(state: string): string {
  if (state === 'delivered') return ' tag-good'
  if (state === 'given_up') return ' tag-bad'
  if (state === 'failed' || state === 'retrying') return ' tag-warn'
  return ''
}

/** Each channel's delivery of an alert or notice: state, attempts, last code, next attempt and outcome. */
export function DeliveryTable({ deliveries, label }: { deliveries: DeliveryRow[]; label: string }) {
  return (
    <DataTable columns={COLUMNS} className="alert-deliveries" label={label}>
      {deliveries.map((d) => (
        <tr key={d.id} data-testid={`delivery-${d.id}`}>
          <td className="alert-channel" data-field="channel" title={d.id}>
            {d.channel}
          </td>
          <td>
            <span className={`tag${tone(d.state)}`} data-field="state" data-state={d.state}>
              {d.stateLabel}
            </span>
          </td>
          <td className="num" data-field="attempts">
            {d.attempts}
          </td>
          <td className="num" data-field="code">
            {d.lastCode}
          </td>
          <td className="nowrap" data-field="next">
            {d.nextAttempt}
          </td>
          <td className="alert-outcome" data-field="outcome">
            {d.outcome}
          </td>
        </tr>
      ))}
    </DataTable>
  )
}
