import { useMemo, type ReactNode } from 'react'
import { useSourceForm } from '@/components/SourceForm'
import { browserZone } from '@/lib/use-dashboard-query'
import { zoneChoices } from '@/lib/zones'
import type { AnyRule, RuleCollection, RuleRequest } from '@/types/rules'
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
  const save = useSaveRule()
  const form = useSourceForm<RuleFormValues, RuleField, RuleRequest>(
    () => (rule ? formFromRule(rule) : emptyRuleForm(collection, browserZone)),
    validateRuleForm,
    ruleFieldOf,
    save,
    (body, checked) => save.mutate({ collection: COLLECTIONS[checked.kind], id: rule?.id ?? null, body }, { onSuccess: onSaved }),
  )
  const { values, set, submit, row, textRow, select } = form
  const zoneList = useMemo(() => zoneChoices('tz' in values ? values.tz : 'UTC').map((z) => [z, z] as const), [values])
  const noun = NOUNS[collection]

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
        {textRow(
          values,
          set,
          'threshold',
          `Threshold (${unit})`,
          { inputMode: 'decimal' },
          values.measure === 'errorRate' ? 'Percent of requests that failed (errors and timeouts)' : undefined,
        )}
        {textRow(
          values,
          set,
          'clearThreshold',
          `Clear threshold (${unit})`,
          { inputMode: 'decimal' },
          'Resolves only once back past it; empty: the threshold',
        )}
        {textRow(
          values,
          set,
          'clearAfter',
          'Clear after (evaluations)',
          { inputMode: 'numeric' },
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
        {textRow(values, set, 'k', 'k (spreads above the mean)', { inputMode: 'decimal' }, '0.5 to 20; 3 is usual')}
        {textRow(values, set, 'minSpendUsd', 'Minimum spend (USD)', { inputMode: 'decimal' }, 'Never alert below this, however unusual')}
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
        {textRow(values, set, 'at', 'Local time', { type: 'time' }, 'HH:MM in the zone below')}
        {row('tz', 'Time zone', zoneSelect(values.tz))}
        {textRow(values, set, 'topMovers', 'Top movers', { inputMode: 'numeric' }, 'Projects and models whose cost changed most, 0–20')}
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
        {textRow(values, set, 'name', 'Name', { maxLength: 128, autoFocus: true })}
        {settings}
        <label className="check check-field">
          <input type="checkbox" checked={values.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          <span>Enabled: evaluated on the schedule (dry run, evaluate now and test work either way)</span>
        </label>
      </div>

      {form.scopeFieldset(SCOPE_DIMENSIONS, 'Leave every filter empty to watch all of the tenant’s usage.')}

      {form.channelsEditor('No channel: notices are only listed here and on the Alerts page.')}

      {form.footer('An admin key is needed to create or change rules.', rule ? 'Save changes' : `Create ${noun}`, onCancel)}
    </form>
  )
}
