import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { ChannelsEditor } from '@/components/ChannelsEditor'
import { FormFooter, ScopeFieldset, useFormFields } from '@/components/FormParts'
import { browserZone } from '@/lib/use-dashboard-query'
import { zoneChoices } from '@/lib/zones'
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
  type RuleFormErrors,
  type RuleFormValues,
} from '../prepare/rule-form'

const MEASURE_OPTIONS = MEASURES.map((m) => [m, MEASURE_LABELS[m]] as const)
const COMPARISON_OPTIONS = [
  ['above', 'Above the threshold'],
  ['below', 'Below the threshold'],
] as const
const GRANULARITY_OPTIONS = [
  ['day', 'Today so far'],
  ['hour', 'This hour so far'],
] as const
const CADENCE_OPTIONS = [
  ['weekly', 'Weekly: the 7 days before'],
  ['daily', 'Daily: yesterday'],
] as const
const DAY_OPTIONS = WEEKDAYS.map((d) => [d, d.charAt(0).toUpperCase() + d.slice(1)] as const)

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
  const zoneList = useMemo(() => zoneChoices('tz' in values ? values.tz : 'UTC').map((z) => [z, z] as const), [values])
  const { message, row, input, select, saveFailure } = useFormFields(errors, save.error, ruleFieldOf)
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

  const zoneSelect = (tz: string) => select('tz', tz, (zone) => set({ tz: zone }), zoneList)

  let settings: ReactNode
  if (values.kind === 'usage') {
    const unit = MEASURE_UNITS[values.measure]
    const windows = WINDOWS.includes(values.window as (typeof WINDOWS)[number]) ? WINDOWS : [values.window, ...WINDOWS]
    settings = (
      <>
        {row(
          'measure',
          'Measure',
          select('measure', values.measure, (measure) => set({ measure }), MEASURE_OPTIONS),
        )}
        {row(
          'window',
          'Window',
          select(
            'window',
            values.window,
            (window) => set({ window }),
            windows.map((w) => [w, `Last ${w}${windowMinutes(w) === null ? ' (not a window)' : ''}`] as const),
          ),
          'How far back each evaluation looks',
        )}
        {row(
          'comparison',
          'Fires when',
          select('comparison', values.comparison, (comparison) => set({ comparison }), COMPARISON_OPTIONS),
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
          select('granularity', values.granularity, (granularity) => set({ granularity }), GRANULARITY_OPTIONS),
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
          select('cadence', values.cadence, (cadence) => set({ cadence }), CADENCE_OPTIONS),
        )}
        {values.cadence === 'weekly' &&
          row(
            'day',
            'Day',
            select('day', values.day, (day) => set({ day }), DAY_OPTIONS),
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
          input('name', values.name, (v) => set({ name: v }), { maxLength: 128, autoFocus: true }),
        )}
        {settings}
        <label className="check check-field">
          <input type="checkbox" checked={values.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          <span>Enabled: evaluated on the schedule (dry run, evaluate now and test work either way)</span>
        </label>
      </div>

      <ScopeFieldset
        dimensions={SCOPE_DIMENSIONS}
        scope={values.scope}
        onChange={(scope) => set({ scope })}
        hint="Leave every filter empty to watch all of the tenant’s usage."
        error={message('scope')}
      />

      <ChannelsEditor
        channels={values.channels}
        onChange={(channels) => set({ channels })}
        errorOf={(i) => message(`channels.${i}`)}
        emptyText="No channel: notices are only listed here and on the Alerts page."
      />

      <FormFooter
        error={saveFailure('An admin key is needed to create or change rules.')}
        pending={save.isPending}
        submitLabel={rule ? 'Save changes' : `Create ${noun}`}
        onCancel={onCancel}
      />
    </form>
  )
}
