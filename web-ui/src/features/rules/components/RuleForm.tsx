import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { useAllValues } from '@/api/get-values'
import { ChannelsEditor } from '@/components/ChannelsEditor'
import { MultiSelect } from '@/components/MultiSelect'
import { fieldError, isForbidden } from '@/lib/api-client'
import { focusOnMount } from '@/lib/focus'
import { browserZone } from '@/lib/use-dashboard-query'
import { DIMENSION_LABELS, STATUSES } from '@/lib/url-state'
import type { AnyRule, RuleCollection } from '@/types/rules'
import { useSaveRule } from '../api/save-rule'
import {
  COLLECTIONS,
  emptyRuleForm,
  formFromRule,
  MEASURE_LABELS,
  MEASURE_UNITS,
  MEASURES,
  ruleFieldOf,
  SCOPE_DIMENSIONS,
  validateRuleForm,
  WEEKDAYS,
  windowMinutes,
  WINDOWS,
  type RuleField,
  type RuleFormErrors,
  type RuleFormValues,
} from '../prepare/rule-form'

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

const NOUNS: Record<RuleCollection, string> = { rules: 'usage rule', anomalies: 'anomaly watch', digests: 'digest' }

interface RuleFormProps {
  collection: RuleCollection
  rule: AnyRule | null
  onSaved: (rule: AnyRule) => void
  onCancel: () => void
}

/** Create or edit a usage rule, anomaly watch or digest. The form's checks mirror the API's; the API's 400s show beside the field they name. */
export function RuleForm({ collection, rule, onSaved, onCancel }: RuleFormProps) {
  const [values, setValues] = useState<RuleFormValues>(() => (rule ? formFromRule(rule) : emptyRuleForm(collection, browserZone)))
  const [errors, setErrors] = useState<RuleFormErrors>({})
  const save = useSaveRule()
  const id = useId()
  const zoneList = useMemo(() => zones('tz' in values ? values.tz : 'UTC'), [values])
  const server = fieldError(save.error)
  const serverField = server ? ruleFieldOf(server.field) : null
  const message = (field: RuleField) =>
    errors[field] ?? (serverField === field && server ? `${server.field}: ${server.message}` : undefined)
  const set = (patch: Partial<RuleFormValues>) => setValues((v) => ({ ...v, ...patch }) as RuleFormValues)
  const noun = NOUNS[collection]

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const checked = validateRuleForm(values)
    setErrors(checked.errors ?? {})
    if (checked.body) {
      save.mutate({ collection: COLLECTIONS[values.kind], id: rule?.id ?? null, body: checked.body }, { onSuccess: onSaved })
    }
  }

  const describedBy = (field: RuleField) => (message(field) ? `${id}-${field}-error` : undefined)
  const row = (field: RuleField, label: string, control: ReactNode, hint?: string) => {
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
  const input = (
    field: RuleField,
    value: string,
    onChange: (v: string) => void,
    extra: { inputMode?: 'decimal' | 'numeric'; type?: string } = {},
  ) => (
    <input
      id={`${id}-${field}`}
      className="input"
      type={extra.type ?? 'text'}
      inputMode={extra.inputMode}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={!!message(field)}
      aria-describedby={describedBy(field)}
    />
  )
  const zoneSelect = (tz: string) => (
    <select
      id={`${id}-tz`}
      className="select"
      value={tz}
      onChange={(e) => set({ tz: e.target.value })}
      aria-invalid={!!message('tz')}
      aria-describedby={describedBy('tz')}
    >
      {zoneList.map((z) => (
        <option key={z} value={z}>
          {z}
        </option>
      ))}
    </select>
  )

  let settings: ReactNode
  if (values.kind === 'usage') {
    const unit = MEASURE_UNITS[values.measure]
    const windows = WINDOWS.includes(values.window as (typeof WINDOWS)[number]) ? WINDOWS : [values.window, ...WINDOWS]
    settings = (
      <>
        {row(
          'measure',
          'Measure',
          <select
            id={`${id}-measure`}
            className="select"
            value={values.measure}
            onChange={(e) => set({ measure: e.target.value as typeof values.measure })}
          >
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {MEASURE_LABELS[m]}
              </option>
            ))}
          </select>,
        )}
        {row(
          'window',
          'Window',
          <select
            id={`${id}-window`}
            className="select"
            value={values.window}
            onChange={(e) => set({ window: e.target.value })}
            aria-invalid={!!message('window')}
            aria-describedby={describedBy('window')}
          >
            {windows.map((w) => (
              <option key={w} value={w}>
                {`Last ${w}${windowMinutes(w) === null ? ' (not a window)' : ''}`}
              </option>
            ))}
          </select>,
          'How far back each evaluation looks',
        )}
        {row(
          'comparison',
          'Fires when',
          <select
            id={`${id}-comparison`}
            className="select"
            value={values.comparison}
            onChange={(e) => set({ comparison: e.target.value as 'above' | 'below' })}
          >
            <option value="above">Above the threshold</option>
            <option value="below">Below the threshold</option>
          </select>,
        )}
        {row(
          'threshold',
          `Threshold (${unit})`,
          input('threshold', values.threshold, (v) => set({ threshold: v }), { inputMode: 'decimal' }),
          values.measure === 'errorRate' ? 'Percent of requests that failed (errors and timeouts)' : undefined,
        )}
        {row(
          'clearThreshold',
          `Clear threshold (${unit})`,
          input('clearThreshold', values.clearThreshold, (v) => set({ clearThreshold: v }), { inputMode: 'decimal' }),
          'Resolves only once back past it; empty: the threshold',
        )}
        {row(
          'clearAfter',
          'Clear after (evaluations)',
          input('clearAfter', values.clearAfter, (v) => set({ clearAfter: v }), { inputMode: 'numeric' }),
          'Consecutive evaluations past the clear threshold, 1–100',
        )}
      </>
    )
  } else if (values.kind === 'anomaly') {
    settings = (
      <>
        {row(
          'granularity',
          'Compare',
          <select
            id={`${id}-granularity`}
            className="select"
            value={values.granularity}
            onChange={(e) => set({ granularity: e.target.value as 'day' | 'hour' })}
          >
            <option value="day">Today so far</option>
            <option value="hour">This hour so far</option>
          </select>,
          'Against the same time of the same weekday in the last 4 weeks',
        )}
        {row('tz', 'Time zone', zoneSelect(values.tz), 'Where days begin')}
        {row(
          'k',
          'k (spreads above the mean)',
          input('k', values.k, (v) => set({ k: v }), { inputMode: 'decimal' }),
          '0.5 to 20; 3 is usual',
        )}
        {row(
          'minSpendUsd',
          'Minimum spend (USD)',
          input('minSpendUsd', values.minSpendUsd, (v) => set({ minSpendUsd: v }), { inputMode: 'decimal' }),
          'Never alert below this, however unusual',
        )}
      </>
    )
  } else {
    settings = (
      <>
        {row(
          'cadence',
          'Cadence',
          <select
            id={`${id}-cadence`}
            className="select"
            value={values.cadence}
            onChange={(e) => set({ cadence: e.target.value as 'daily' | 'weekly' })}
          >
            <option value="weekly">Weekly: the 7 days before</option>
            <option value="daily">Daily: yesterday</option>
          </select>,
        )}
        {values.cadence === 'weekly' &&
          row(
            'day',
            'Day',
            <select id={`${id}-day`} className="select" value={values.day} onChange={(e) => set({ day: e.target.value })}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {d.charAt(0).toUpperCase() + d.slice(1)}
                </option>
              ))}
            </select>,
          )}
        {row(
          'at',
          'Local time',
          input('at', values.at, (v) => set({ at: v }), { type: 'time' }),
          'HH:MM in the zone below',
        )}
        {row('tz', 'Time zone', zoneSelect(values.tz))}
        {row(
          'topMovers',
          'Top movers',
          input('topMovers', values.topMovers, (v) => set({ topMovers: v }), { inputMode: 'numeric' }),
          'Projects and models whose cost changed most, 0–20',
        )}
      </>
    )
  }

  return (
    <form
      className="rule-form"
      onSubmit={submit}
      noValidate
      aria-label={rule ? `Edit ${rule.name}` : `New ${noun}`}
      data-testid="rule-form"
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
        {settings}
        <label className="check check-field">
          <input type="checkbox" checked={values.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          <span>Enabled: evaluated on the schedule (dry run, evaluate now and test work either way)</span>
        </label>
      </div>

      <fieldset className="fieldset">
        <legend>Scope</legend>
        <p className="muted small">Leave every filter empty to watch all of the tenant&rsquo;s usage.</p>
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

      <ChannelsEditor
        channels={values.channels}
        onChange={(channels) => set({ channels })}
        errorOf={(i) => message(`channels.${i}`)}
        emptyText="No channel: notices are only listed here and on the Alerts page."
      />

      {save.isError && (!server || serverField === 'form') && (
        <p className="form-error" role="alert">
          {isForbidden(save.error)
            ? 'An admin key is needed to create or change rules.'
            : `Could not save: ${server ? `${server.field}: ${server.message}` : save.error.message}`}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : rule ? 'Save changes' : `Create ${noun}`}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
