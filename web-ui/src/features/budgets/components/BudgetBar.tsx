import type { BudgetStatus } from '@/types/models'
import { budgetProgress, formatAmountExact } from '../prepare/progress'
import '../budgets.css'

/** Spent against the limit, with a mark per threshold (crossed ones highlighted) and the projected end of the period. */
export function BudgetBar({ status }: { status: BudgetStatus }) {
  const p = budgetProgress(status)
  return (
    <div className="budget-bar-wrap" data-testid="budget-progress">
      <div className="budget-figures">
        <span title={formatAmountExact(status.spent, status.unit)}>
          <strong data-field="spent">{p.spentLabel}</strong> <span className="muted">of</span>{' '}
          <span data-field="limit">{p.limitLabel}</span>
        </span>
        <strong className={`budget-share tone-${p.tone}`} data-field="share">
          {p.shareLabel}
        </strong>
      </div>
      <div
        className={`budget-bar tone-${p.tone}`}
        role="progressbar"
        aria-label={`${status.name}: spent of the limit`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(status.share * 1000) / 10}
        aria-valuetext={`${p.spentLabel} of ${p.limitLabel}, ${p.shareLabel}`}
      >
        <div className="budget-fill" style={{ width: `${p.fill}%` }} />
        {p.scale > 1 && <div className="budget-limit" style={{ left: `${p.limitAt}%` }} title="The limit" />}
        <div className="budget-projected" style={{ left: `${p.projectedAt}%` }} title={`Projected end of period: ${p.projectedLabel}`} />
        {p.marks.map((mark) => (
          <div
            key={mark.threshold}
            className={`budget-mark${mark.crossed ? ' is-crossed' : ''}`}
            style={{ left: `${mark.position}%` }}
            data-threshold={mark.threshold}
            data-crossed={mark.crossed}
            title={`${mark.threshold}%${mark.crossed ? ' · crossed' : ''}`}
          />
        ))}
      </div>
      <div className="budget-scale" aria-hidden="true">
        {p.scale > 1 && !status.thresholds.includes(100) && (
          <span className="budget-scale-limit" style={{ left: `${p.limitAt}%` }}>
            limit
          </span>
        )}
        {p.marks.map((mark) => (
          <span key={mark.threshold} className={mark.crossed ? 'is-crossed' : undefined} style={{ left: `${mark.position}%` }}>
            {mark.threshold}%
          </span>
        ))}
      </div>
    </div>
  )
}
