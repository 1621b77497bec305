import { ErrorState } from '@/components/States'
import { Skeleton } from '@/components/Skeleton'
import { scopeText, SourceCard } from '@/components/SourceCard'
import { formatDate, formatDateTime } from '@/lib/format'
import type { Budget } from '@/types/models'
import { useBudgetStatus } from '../api/get-budget-status'
import { formatAmount } from '../prepare/progress'
import { BudgetBar } from './BudgetBar'
import '../budgets.css'

const PERIOD_LABELS = { day: 'Daily', week: 'Weekly', month: 'Monthly' }

/** One budget: its period, scope, progress and projection. */
export function BudgetCard({ budget, selected, onSelect }: { budget: Budget; selected: boolean; onSelect: () => void }) {
  const status = useBudgetStatus(budget.id)
  const s = status.data
  return (
    <SourceCard
      kind="budget"
      source={budget}
      selected={selected}
      onSelect={onSelect}
      beside={
        <span className="muted small">
          {PERIOD_LABELS[budget.period]} · {budget.tz} · {scopeText(budget.scope)}
        </span>
      }
    >
      {status.isPending && <Skeleton height={56} />}
      {status.isError && <ErrorState error={status.error} onRetry={() => void status.refetch()} compact />}
      {s && (
        <>
          <BudgetBar status={s} />
          <p className="small budget-projection" data-field="projection">
            {formatDate(s.period.start, s.period.tz)} – {formatDate(new Date(Date.parse(s.period.end) - 1).toISOString(), s.period.tz)}:{' '}
            projected <strong>{formatAmount(s.projection.endOfPeriod, s.unit)}</strong> by the end of the period
            {s.limitReached
              ? ' · the limit is reached'
              : s.projection.crossingAt
                ? ` · crosses the limit around ${formatDateTime(s.projection.crossingAt, s.period.tz)}`
                : ' · stays under the limit at this pace'}
          </p>
        </>
      )}
    </SourceCard>
  )
}
