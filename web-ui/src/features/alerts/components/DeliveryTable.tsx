import type { DeliveryRow } from '../prepare/alert-rows'

export function tone(state: string): string {
  if (state === 'delivered') return ' tag-good'
  if (state === 'given_up') return ' tag-bad'
  if (state === 'failed' || state === 'retrying') return ' tag-warn'
  return ''
}

/** Each channel's delivery of an alert or notice: state, attempts, last code, next attempt and outcome. */
export function DeliveryTable({ deliveries, label }: { deliveries: DeliveryRow[]; label: string }) {
  return (
    <div className="table-scroll">
      <table className="table alert-deliveries" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Attempts
            </th>
            <th scope="col" className="num">
              Last code
            </th>
            <th scope="col">Next attempt</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  )
}
