import { useState, type FormEvent } from 'react'
import type { ChannelValues } from '@/lib/channels'
import type { Dimension } from '@/types/models'
import { ChannelsEditor } from './ChannelsEditor'
import { FormFooter, ScopeFieldset, useFormFields } from './FormParts'

/** What the settings of an alert source hold beside their own fields. */
interface SourceValues {
  scope: Record<string, string[]>
  channels: ChannelValues[]
}

/** The form's own check: a request body, or the message of each field it refuses. */
type Checked<B, F extends string> = { body: B; errors: null } | { body: null; errors: Partial<Record<F, string>> }

/**
 * The settings form of an alert source (a budget, a rule): its values and a patch setter, the
 * errors of its last check, `submit` (checks the values and hands a valid body to `onValid`), the
 * field plumbing of `useFormFields`, and its scope, channels and footer wired to the values. The
 * fields `F` name the scope `scope` and channel i `channels.i`, as the API does.
 */
export function useSourceForm<V extends SourceValues, F extends string, B>(
  initial: () => V,
  check: (values: V) => Checked<B, F>,
  fieldOf: (apiField: string) => F | null,
  saving: { error: Error | null; isPending: boolean },
  onValid: (body: B, values: V) => void,
) {
  const [values, setValues] = useState<V>(initial)
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({})
  const fields = useFormFields(errors, saving.error, fieldOf)
  const { message } = fields
  const set = (patch: Partial<V>) => setValues((v) => ({ ...v, ...patch }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const checked = check(values)
    setErrors(checked.errors ?? {})
    if (checked.body) {
      onValid(checked.body, values)
    }
  }
  const scopeFieldset = (dimensions: readonly Dimension[], hint: string) => (
    <ScopeFieldset
      dimensions={dimensions}
      scope={values.scope}
      onChange={(scope) => set({ scope } as Partial<V>)}
      hint={hint}
      error={message('scope' as F)}
    />
  )
  /** `emptyText`: what happens without a channel. */
  const channelsEditor = (emptyText: string) => (
    <ChannelsEditor
      channels={values.channels}
      onChange={(channels) => set({ channels } as Partial<V>)}
      errorOf={(i) => message(`channels.${i}` as F)}
      emptyText={emptyText}
    />
  )
  /** `forbidden`: what a viewer's key is told when the API refuses to save. */
  const footer = (forbidden: string, submitLabel: string, onCancel: () => void) => (
    <FormFooter error={fields.saveFailure(forbidden)} pending={saving.isPending} submitLabel={submitLabel} onCancel={onCancel} />
  )
  return { ...fields, values, set, submit, scopeFieldset, channelsEditor, footer }
}
