import { useId, useState, type FormEvent } from 'react'
import { focusOnMount } from '@/lib/focus'
import { FormFooter } from '@/components/FormParts'
import { fieldError, isForbidden } from '@/lib/api-client'
import type { UnpricedModel } from '@/types/models'
import { useSetPrice } from '../api/put-price'
import {
  emptyPriceForm,
  PRICE_FIELDS,
  PRICE_LABELS,
  validatePriceForm,
  type PriceFormErrors,
  type PriceFormValues,
} from '../prepare/price-form'
import '@/components/form.css'

interface PriceFormProps {
  model: Pick<UnpricedModel, 'provider' | 'model' | 'firstSeen'>
  onDone: () => void
  onCancel: () => void
}

/** The tenant's own price of one model, USD per 1M tokens, from a date on. Errors show beside their field. */
export function PriceForm({ model, onDone, onCancel }: PriceFormProps) {
  const [values, setValues] = useState<PriceFormValues>(() => emptyPriceForm(model.firstSeen))
  const [errors, setErrors] = useState<PriceFormErrors>({})
  const save = useSetPrice()
  const id = useId()
  const server = fieldError(save.error)
  const fieldMessage = (field: keyof PriceFormValues) => errors[field] ?? (server?.field === field ? server.message : undefined)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const checked = validatePriceForm(values, model)
    setErrors(checked.errors ?? {})
    if (checked.body) {
      save.mutate(checked.body, { onSuccess: onDone })
    }
  }
  const field = (name: keyof PriceFormValues, label: string, hint?: string) => {
    const message = fieldMessage(name)
    return (
      <div className="field" key={name}>
        <label className="field-label" htmlFor={`${id}-${name}-input`}>
          {label}
        </label>
        <input
          id={`${id}-${name}-input`}
          className="input"
          name={name}
          type={name === 'effectiveFrom' ? 'date' : 'text'}
          ref={name === 'input' ? focusOnMount : undefined}
          inputMode={name === 'effectiveFrom' ? undefined : 'decimal'}
          placeholder={hint}
          value={values[name]}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-${name}` : undefined}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
        />
        {message && (
          <span className="field-error" id={`${id}-${name}`}>
            {message}
          </span>
        )}
      </div>
    )
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Set the price of ${model.model}`} data-testid="price-form" noValidate>
      <p className="muted small">
        USD per 1,000,000 tokens. Cached input and cache write default to the input price, reasoning to the output price.
      </p>
      <div className="form-grid">
        {PRICE_FIELDS.map((name) => field(name, PRICE_LABELS[name], name === 'input' || name === 'output' ? 'required' : 'optional'))}
        {field('effectiveFrom', 'Effective from (UTC)')}
      </div>
      <FormFooter
        error={
          save.isError && !server
            ? isForbidden(save.error)
              ? 'An admin key is needed to set prices.'
              : `Could not save: ${save.error.message}`
            : null
        }
        pending={save.isPending}
        submitLabel="Save price"
        onCancel={onCancel}
      />
    </form>
  )
}
