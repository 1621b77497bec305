import { useId, useState, type ReactNode } from 'react'
import { useAllValues } from '@/api/get-values'
import { MultiSelect } from '@/components/MultiSelect'
import { fieldError, isForbidden } from '@/lib/api-client'
import { focusOnMount } from '@/lib/focus'
import { DIMENSION_LABELS, STATUSES } from '@/lib/url-state'
import type { Dimension } from '@/types/models'
import '@/components/form.css'

/**
 * The field plumbing of a settings form: the message of a field (the form's own check first, else the
 * API's 400 when it names that field), its `aria-describedby`, and a labelled row around a control.
 * Controls take the id `${id}-${field}`; a row's error takes `${id}-${field}-error`.
 */
export function useFormFields<F extends string>(
  errors: Partial<Record<F, string>>,
  saveError: Error | null,
  fieldOf: (apiField: string) => F | null,
) {
  const id = useId()
  const server = fieldError(saveError)
  const serverField = server ? fieldOf(server.field) : null
  const message = (field: F): string | undefined =>
    errors[field] ?? (serverField === field && server ? `${server.field}: ${server.message}` : undefined)
  const describedBy = (field: F) => (message(field) ? `${id}-${field}-error` : undefined)
  const row = (field: F, label: string, control: ReactNode, hint?: string) => {
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
  /** A text input for a field, marked invalid and described by its error when it has one. */
  const input = (
    field: F,
    value: string,
    onChange: (v: string) => void,
    extra: { inputMode?: 'decimal' | 'numeric'; type?: string; maxLength?: number; autoFocus?: boolean } = {},
  ) => (
    <input
      id={`${id}-${field}`}
      className="input"
      type={extra.type ?? 'text'}
      inputMode={extra.inputMode}
      ref={extra.autoFocus ? focusOnMount : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={!!message(field)}
      aria-describedby={describedBy(field)}
      maxLength={extra.maxLength}
    />
  )
  /** A row with a text input of `values[field]`, whose changes are patched in through `set`. */
  const textRow = <V extends object>(
    values: V,
    set: (patch: Partial<V>) => void,
    field: F & keyof V & string,
    label: string,
    extra: Parameters<typeof input>[3] = {},
    hint?: string,
  ) =>
    row(
      field,
      label,
      input(field, String(values[field]), (v) => set({ [field]: v } as Partial<V>), extra),
      hint,
    )
  /** A select for a field from `[value, label]` pairs. */
  const select = <V extends string>(field: F, value: V, onChange: (v: V) => void, options: readonly (readonly [V, string])[]) => (
    <select
      id={`${id}-${field}`}
      className="select"
      value={value}
      onChange={(e) => onChange(e.target.value as V)}
      aria-invalid={!!message(field)}
      aria-describedby={describedBy(field)}
    >
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  )
  /** A save failure that names no field of the form: `forbidden` for a viewer's key, else what the API said. */
  const saveFailure = (forbidden: string): string | null => {
    if (!saveError || (server && serverField !== 'form')) return null
    if (isForbidden(saveError)) return forbidden
    return `Could not save: ${server ? `${server.field}: ${server.message}` : saveError.message}`
  }
  return { id, message, describedBy, row, input, textRow, select, saveFailure }
}

function ScopePicker({ dimension, selected, onChange }: { dimension: Dimension; selected: string[]; onChange: (v: string[]) => void }) {
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

/** The scope of a budget or rule: one lazy multi-select per dimension; all empty means all usage. */
export function ScopeFieldset({
  dimensions,
  scope,
  onChange,
  hint,
  error,
}: {
  dimensions: readonly Dimension[]
  scope: Record<string, string[]>
  onChange: (scope: Record<string, string[]>) => void
  hint: string
  error: string | undefined
}) {
  return (
    <fieldset className="fieldset">
      <legend>Scope</legend>
      <p className="muted small">{hint}</p>
      <div className="filter-pickers">
        {dimensions.map((d) => (
          <ScopePicker key={d} dimension={d} selected={scope[d] ?? []} onChange={(v) => onChange({ ...scope, [d]: v })} />
        ))}
      </div>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  )
}

/** A form's save failure that names no field, then its submit and cancel buttons. */
export function FormFooter({
  error,
  pending,
  submitLabel,
  onCancel,
}: {
  error: string | null
  pending: boolean
  submitLabel: string
  onCancel: () => void
}) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  )
}

/** A field whose label wraps its control (no id needed): the label's text above, the control below. */
export function LabelledField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
    </label>
  )
}
