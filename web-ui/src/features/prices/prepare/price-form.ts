/**
 * The "set price" form: text fields as typed, checked as the API checks a price (USD per 1 000 000
 * tokens, 0 to 1 000 000, at most 6 decimals), turned into the body of `PUT /prices`.
 */
import type { PriceOverride } from '@/types/models'

export const PRICE_FIELDS = ['input', 'output', 'cachedInput', 'cacheWrite', 'reasoning'] as const
export type PriceField = (typeof PRICE_FIELDS)[number]

export type PriceFormValues = Record<PriceField | 'effectiveFrom', string>
export type PriceFormErrors = Partial<Record<PriceField | 'effectiveFrom', string>>

const DECIMAL = /^\d+(\.\d+)?$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

export const PRICE_LABELS: Record<PriceField, string> = {
  input: 'Input',
  output: 'Output',
  cachedInput: 'Cached input',
  cacheWrite: 'Cache write',
  reasoning: 'Reasoning',
}

/** An empty form effective from the UTC day of `firstSeen`, so that the price covers every event seen. */
export function emptyPriceForm(firstSeen: string | null): PriceFormValues {
  return {
    input: '',
    output: '',
    cachedInput: '',
    cacheWrite: '',
    reasoning: '',
    effectiveFrom: firstSeen ? firstSeen.slice(0, 10) : new Date().toISOString().slice(0, 10),
  }
}

function price(text: string, required: boolean): { value?: number; error?: string } {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') {
    return required ? { error: 'Required: USD per 1M tokens' } : {}
  }
  if (!DECIMAL.test(trimmed)) {
    return { error: 'A number of USD, e.g. 0.15' }
  }
  const decimals = trimmed.split('.')[1]?.length ?? 0
  if (decimals > 6) {
    return { error: 'At most 6 decimals' }
  }
  const value = Number(trimmed)
  if (value > 1_000_000) {
    return { error: 'At most 1,000,000' }
  }
  return { value }
}

function isDate(text: string): boolean {
  return DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
}

/** The body to send, or what is wrong field by field. */
export function validatePriceForm(
  values: PriceFormValues,
  model: { provider: string; model: string },
): { body: PriceOverride; errors: null } | { body: null; errors: PriceFormErrors } {
  const errors: PriceFormErrors = {}
  const parsed: Partial<Record<PriceField, number>> = {}
  for (const field of PRICE_FIELDS) {
    const result = price(values[field], field === 'input' || field === 'output')
    if (result.error) errors[field] = result.error
    else if (result.value !== undefined) parsed[field] = result.value
  }
  if (!isDate(values.effectiveFrom)) {
    errors.effectiveFrom = 'A date, YYYY-MM-DD'
  }
  if (Object.keys(errors).length > 0) {
    return { body: null, errors }
  }
  return {
    body: {
      provider: model.provider,
      model: model.model,
      effectiveFrom: values.effectiveFrom,
      input: parsed.input!,
      output: parsed.output!,
      ...(parsed.cachedInput !== undefined ? { cachedInput: parsed.cachedInput } : {}),
      ...(parsed.cacheWrite !== undefined ? { cacheWrite: parsed.cacheWrite } : {}),
      ...(parsed.reasoning !== undefined ? { reasoning: parsed.reasoning } : {}),
    },
    errors: null,
  }
}
