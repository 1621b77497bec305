import { describe, expect, it } from 'vitest'
import { emptyPriceForm, validatePriceForm } from './price-form'

const MODEL = { provider: 'acme', model: 'acme-unknown-1' }

describe('set-price form', () => {
  it('starts effective from the UTC day the model was first seen', () => {
    expect(emptyPriceForm('2026-03-09T23:30:00Z').effectiveFrom).toBe('2026-03-09')
  })

  it('turns the fields into the body of PUT /prices, leaving empty optional prices out', () => {
    const values = { ...emptyPriceForm('2026-03-09T10:00:00Z'), input: '2.5', output: ' 10 ', cachedInput: '1,25' }
    expect(validatePriceForm(values, MODEL)).toEqual({
      body: { provider: 'acme', model: 'acme-unknown-1', effectiveFrom: '2026-03-09', input: 2.5, output: 10, cachedInput: 1.25 },
      errors: null,
    })
  })

  it('requires input and output and names every bad field', () => {
    const values = {
      ...emptyPriceForm(null),
      input: '',
      output: '-1',
      reasoning: '0.1234567',
      cacheWrite: '2000000',
      effectiveFrom: '2026-02-30',
    }
    const { errors, body } = validatePriceForm(values, MODEL)
    expect(body).toBeNull()
    expect(errors).toEqual({
      input: 'Required: USD per 1M tokens',
      output: 'A number of USD, e.g. 0.15',
      reasoning: 'At most 6 decimals',
      cacheWrite: 'At most 1,000,000',
      effectiveFrom: 'A date, YYYY-MM-DD',
    })
  })

  it('accepts a price of zero', () => {
    const values = { ...emptyPriceForm('2026-03-09T10:00:00Z'), input: '0', output: '0.000001' }
    expect(validatePriceForm(values, MODEL).body).toMatchObject({ input: 0, output: 0.000001 })
  })
})
