import { useMemo } from 'react'
import { useSourceForm } from '@/components/SourceForm'
import { browserZone } from '@/lib/use-dashboard-query'
import { zoneChoices } from '@/lib/zones'
import type { Budget, BudgetRequest } from '@/types/models'
import { useSaveBudget } from '../api/save-budget'
import {
  emptyBudgetForm,
  formFieldOf,
  formFromBudget,
  PERIODS,
  SCOPE_DIMENSIONS,
  validateBudgetForm,
  type BudgetField,
  type BudgetFormValues,
} from '../prepare/budget-form'
import '../budgets.css'

const PERIOD_OPTIONS = PERIODS.map((p) => [p, p === 'day' ? 'Day' : p === 'week' ? 'Week (from Monday)' : 'Month'] as const)
const NOTIFY_OPTIONS = [
  ['perThreshold', 'Each threshold once'],
  ['daily', 'At most one per 24 h'],
] as const

interface BudgetFormProps {
  budget: Budget | null
  onSaved: (budget: Budget) => void
  onCancel: () => void
}

/** Create or edit a budget. The form's own checks mirror the API's; the API's 400s still show beside the field they name. */
export function BudgetForm({ budget, onSaved, onCancel }: BudgetFormProps) {
  const save = useSaveBudget()
  const form = useSourceForm<BudgetFormValues, BudgetField, BudgetRequest>(
    () => (budget ? formFromBudget(budget) : emptyBudgetForm(browserZone)),
    validateBudgetForm,
    formFieldOf,
    save,
    (body) => save.mutate({ id: budget?.id ?? null, body }, { onSuccess: onSaved }),
  )
  const { values, set, submit, row, input, textRow, select } = form
  const zoneList = useMemo(() => zoneChoices(values.tz).map((z) => [z, z] as const), [values.tz])

  return (
    <form
      className="budget-form"
      onSubmit={submit}
      noValidate
      aria-label={budget ? `Edit ${budget.name}` : 'New budget'}
      data-testid="budget-form"
    >
      <div className="form-grid">
        {textRow(values, set, 'name', 'Name', { maxLength: 128, autoFocus: true })}
        {row(
          'period',
          'Period',
          select('period', values.period, (period) => set({ period }), PERIOD_OPTIONS),
        )}
        {row(
          'tz',
          'Time zone',
          select('tz', values.tz, (tz) => set({ tz }), zoneList),
          'Where days, weeks and months begin',
        )}
        {row(
          'limit',
          values.measure === 'usd' ? 'Limit (USD)' : 'Limit (tokens)',
          <div className="input-group">
            {input('limit', values.limit, (v) => set({ limit: v }), { inputMode: 'decimal' })}
            <select
              className="select"
              aria-label="Limit unit"
              value={values.measure}
              onChange={(e) => set({ measure: e.target.value as 'usd' | 'tokens' })}
            >
              <option value="usd">USD</option>
              <option value="tokens">tokens</option>
            </select>
          </div>,
        )}
        {textRow(
          values,
          set,
          'thresholds',
          'Alert thresholds (% of the limit)',
          {},
          'Up to 10 whole percents from 1 to 1000, e.g. 50, 80, 100, 120',
        )}
        <label className="check check-field">
          <input type="checkbox" checked={values.forecast} onChange={(e) => set({ forecast: e.target.checked })} />
          <span>Alert when the pace so far would cross the limit before the period ends</span>
        </label>
      </div>

      {form.scopeFieldset(SCOPE_DIMENSIONS, 'Leave every filter empty to count all of the tenant’s usage.')}

      <fieldset className="fieldset">
        <legend>Notifications</legend>
        <div className="form-grid">
          {row(
            'notify',
            'How often',
            select('notify', values.notify, (notify) => set({ notify }), NOTIFY_OPTIONS),
            values.notify === 'daily'
              ? 'Only the highest threshold crossed is sent; the next waits 24 h'
              : 'Each threshold (and the forecast) once per period',
          )}
          <label className="check check-field">
            <input type="checkbox" checked={values.hard} onChange={(e) => set({ hard: e.target.checked })} data-testid="budget-hard" />
            <span>Hard limit: once spent, GET /budgets/check answers &ldquo;not allowed&rdquo; for calls in its scope</span>
          </label>
        </div>
      </fieldset>

      {form.channelsEditor('No channel: alerts are only listed here and on the Alerts page.')}
      {form.footer('An admin key is needed to create or change budgets.', budget ? 'Save changes' : 'Create budget', onCancel)}
    </form>
  )
}
