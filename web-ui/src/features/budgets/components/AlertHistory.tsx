import { ErrorState } from '@/components/States'
import { Skeleton } from '@/components/Skeleton'
import { formatPercent, formatShortDateTime } from '@/lib/format'
import { DataTable, type Column } from '@/components/DataTable'
import { useAlerts } from '../api/get-alerts'
import '@/components/table.css'

const DELIVERY: Record<string, string> = {
  delivered: 'Delivered',
  given_up: 'Given up',
  retrying: 'Retrying',
  pending: 'Pending',
  none: 'Not sent',
}

const COLUMNS: Column[] = [
  { label: 'Raised' },
  { label: 'Alert' },
  { label: 'Share then', className: 'num hide-narrow' },
  { label: 'Delivery' },
]

/** The alerts a budget raised, newest first, with how their delivery went. */
export function AlertHistory({ budgetId, zone }: { budgetId: string; zone: string }) {
  const alerts = useAlerts(budgetId)
  if (alerts.isPending) return <Skeleton height={80} />
  if (alerts.isError) return <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} compact />
  if (alerts.data.items.length === 0) {
    return (
      <p className="muted small" data-testid="alerts-empty">
        No alerts yet. One is raised when spend crosses a threshold, or is on course to cross the limit before the period ends.
      </p>
    )
  }
  return (
    <DataTable columns={COLUMNS} testId="alerts">
      {alerts.data.items.map((a) => (
        <tr key={a.id}>
          <td className="nowrap" title={a.raisedAt}>
            {formatShortDateTime(a.raisedAt, zone)}
          </td>
          <td>{a.kind === 'forecast' ? 'Forecast: on course to cross the limit' : `Crossed ${a.threshold}%`}</td>
          <td className="num hide-narrow">{formatPercent(a.share)}</td>
          <td>
            <span className={`tag${a.delivery === 'given_up' ? ' tag-bad' : a.delivery === 'delivered' ? ' tag-good' : ''}`}>
              {DELIVERY[a.delivery] ?? a.delivery}
            </span>
          </td>
        </tr>
      ))}
    </DataTable>
  )
}
