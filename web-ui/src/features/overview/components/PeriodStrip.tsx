import { Skeleton } from '@/components/Skeleton'
import { ErrorState } from '@/components/States'
import type { DashboardQuery } from '@/lib/url-state'
import { usePeriods } from '../api/get-periods'
import { preparePeriods } from '../prepare/cards'
import '../overview.css'

/** Today, this week, this month and all time at a glance, whatever the range. */
export function PeriodStrip({ query }: { query: DashboardQuery }) {
  const periods = usePeriods(query)
  if (periods.isPending) {
    return <Skeleton height={64} className="period-strip-skeleton" />
  }
  if (periods.isError) {
    return <ErrorState error={periods.error} onRetry={() => void periods.refetch()} compact />
  }
  return (
    <ul className="period-strip" aria-label="Usage by period" data-testid="periods">
      {preparePeriods(periods.data).map((p) => (
        <li key={p.id} className="period" data-testid={`period-${p.id}`}>
          <span className="period-label">{p.label}</span>
          <span className="period-cost" data-field="cost">
            {p.cost}
          </span>
          <span className="period-detail">
            <span title={`${p.exactRequests} requests`} data-field="requests">
              {p.requests}
            </span>{' '}
            requests ·{' '}
            <span title={`${p.exactTokens} tokens`} data-field="tokens">
              {p.tokens}
            </span>{' '}
            tokens
          </span>
        </li>
      ))}
    </ul>
  )
}
