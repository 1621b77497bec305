import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { focusOnMount } from '@/lib/focus'
import { useAllValues } from '@/api/get-values'
import { ChannelsEditor } from '@/components/ChannelsEditor'
import { MultiSelect } from '@/components/MultiSelect'
import { fieldError, isForbidden } from '@/lib/api-client'
import { browserZone } from '@/lib/use-dashboard-query'
import { DIMENSION_LABELS, STATUSES } from '@/lib/url-state'
import type { Budget } from '@/types/models'
import { useSaveBudget } from '../api/save-budget'
import {
  emptyBudgetForm,
  formFieldOf,
  formFromBudget,
  PERIODS,
  SCOPE_DIMENSIONS,
  validateBudgetForm,
  type BudgetField,
  type BudgetFormErrors,
  type BudgetFormValues,
} from '../prepare/budget-form'
import '@/components/form.css'
import '../budgets.css'

function zones(current: string): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [...new Set([current, 'UTC', browserZone, ...supported])]
}

function ScopePicker({
  dimension,
  selected,
  onChange,
}: {
  dimension: (typeof SCOPE_DIMENSIONS)[number]
  selected: string[]
  onChange: (v: string[]) => void
}) {
  const [opened, setOpened] = useState(false)
  const isStatus = dimension === 'status'
  const values = useAllValues(dimension, opened && !isStatus)
  return (
    <MultiSelect
      label={DIMENSION_LABELS[dimension]}
      options={isStatus ? STATUSES : (values.data?.values ?? [])}
      selected={selected}
      loading={!isStatus && opened && values.isPending}
      error={values.isError}
      onOpen={() => setOpened(true)}
      onChange={onChange}
    />
  )
}

interface BudgetFormProps {
  budget: Budget | null
  onSaved: (budget: Budget) => void
  onCancel: () => void
}

/** Create or edit a budget. The form's own checks mirror the API's; the API's 400s still show beside the field they name. */
export function BudgetForm({ budget, onSaved, onCancel }: BudgetFormProps) {
  const [values, setValues] = useState<BudgetFormValues>(() => (budget ? formFromBudget(budget) : emptyBudgetForm(browserZone)))
  const [errors, setErrors] = useState<BudgetFormErrors>({})
  const save = useSaveBudget()
  const id = useId()
  const zoneList = useMemo(() => zones(values.tz), [values.tz])
  const server = fieldError(save.error)
  const serverField = server ? formFieldOf(server.field) : null
  const message = (field: BudgetField) =>
    errors[field] ?? (serverField === field && server ? `${server.field}: ${server.message}` : undefined)
  const set = (patch: Partial<BudgetFormValues>) => setValues((v) => ({ ...v, ...patch }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const checked = validateBudgetForm(values)
    setErrors(checked.errors ?? {})
    if (checked.body) {
      save.mutate({ id: budget?.id ?? null, body: checked.body }, { onSuccess: onSaved })
    }
  }

  const row = (field: BudgetField, label: string, control: ReactNode, hint?: string) => {
    const error = message(field)
    return (
      <div className="field">
        <label className="field-label" htmlFor={`${id}-${field}`}>
          {label}
        </label>
        {control}
        {hint && !error && <span className="muted small">{hint}</span>}
        {error && (
          <span className="field-error" id={`${id}-${field}-error`} role="alert">
            {error}
          </span>
        )}
      </div>
    )
  }
  const describedBy = (field: BudgetField) => (message(field) ? `${id}-${field}-error` : undefined)

  return (
    <form
      className="budget-form"
      onSubmit={submit}
      noValidate
      aria-label={budget ? `Edit ${budget.name}` : 'New budget'}
      data-testid="budget-form"
    >
      <div className="form-grid">
        {row(
          'name',
          'Name',
          <input
            id={`${id}-name`}
            className="input"
            ref={focusOnMount}
            value={values.name}
            onChange={(e) => set({ name: e.target.value })}
            aria-invalid={!!message('name')}
            aria-describedby={describedBy('name')}
            maxLength={128}
          />,
        )}
        {row(
          'period',
          'Period',
          <select
            id={`${id}-period`}
            className="select"
            value={values.period}
            onChange={(e) => set({ period: e.target.value as BudgetFormValues['period'] })}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {p === 'day' ? 'Day' : p === 'week' ? 'Week (from Monday)' : 'Month'}
              </option>
            ))}
          </select>,
        )}
        {row(
          'tz',
          'Time zone',
          <select
            id={`${id}-tz`}
            className="select"
            value={values.tz}
            onChange={(e) => set({ tz: e.target.value })}
            aria-describedby={describedBy('tz')}
          >
            {zoneList.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>,
          'Where days, weeks and months begin',
        )}
        {row(
          'limit',
          values.measure === 'usd' ? 'Limit (USD)' : 'Limit (tokens)',
          <div className="input-group">
            <input
              id={`${id}-limit`}
              className="input"
              inputMode="decimal"
              value={values.limit}
              onChange={(e) => set({ limit: e.target.value })}
              aria-invalid={!!message('limit')}
              aria-describedby={describedBy('limit')}
            />
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
        {row(
          'thresholds',
          'Alert thresholds (% of the limit)',
          <input
            id={`${id}-thresholds`}
            className="input"
            value={values.thresholds}
            onChange={(e) => set({ thresholds: e.target.value })}
            aria-invalid={!!message('thresholds')}
            aria-describedby={describedBy('thresholds')}
          />,
          'Up to 10 whole percents from 1 to 1000, e.g. 50, 80, 100, 120',
        )}
        <label className="check check-field">
          <input type="checkbox" checked={values.forecast} onChange={(e) => set({ forecast: e.target.checked })} />
          <span>Alert when the pace so far would cross the limit before the period ends</span>
        </label>
      </div>

      <fieldset className="fieldset">
        <legend>Scope</legend>
        <p className="muted small">Leave every filter empty to count all of the tenant&rsquo;s usage.</p>
        <div className="filter-pickers">
          {SCOPE_DIMENSIONS.map((d) => (
            <ScopePicker
              key={d}
              dimension={d}
              selected={values.scope[d] ?? []}
              onChange={(v) => set({ scope: { ...values.scope, [d]: v } })}
            />
          ))}
        </div>
        {message('scope') && (
          <span className="field-error" role="alert">
            {message('scope')}
          </span>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Notifications</legend>
        <div className="form-grid">
          {row(
            'notify',
            'How often',
            <select
              id={`${id}-notify`}
              className="select"
              value={values.notify}
              onChange={(e) => set({ notify: e.target.value as BudgetFormValues['notify'] })}
              aria-describedby={describedBy('notify')}
            >
              <option value="perThreshold">Each threshold once</option>
              <option value="daily">At most one per 24 h</option>
            </select>,
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

      <ChannelsEditor
        channels={values.channels}
        onChange={(channels) => set({ channels })}
        errorOf={(i) => message(`channels.${i}`)}
        emptyText="No channel: alerts are only listed here and on the Alerts page."
      />

      {save.isError && (!server || serverField === 'form') && (
        <p className="form-error" role="alert">
          {isForbidden(save.error) ? 'An admin key is needed to create or change budgets.' : `Could not save: ${save.error.message}`}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : budget ? 'Save changes' : 'Create budget'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
