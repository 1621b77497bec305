import { describe, expect, it } from 'vitest'
import type { Budget } from '@/types/models'
import { emptyBudgetForm, formFieldOf, formFromBudget, parseThresholds, validateBudgetForm } from './budget-form'

const valid = () => ({ ...emptyBudgetForm('Europe/Berlin'), name: ' Support ', limit: '500' })

describe('budget form', () => {
  it('makes the body of POST /budgets: trimmed name, one limit, sorted thresholds, non-empty scope filters', () => {
    const values = { ...valid(), thresholds: '100, 50 80', scope: { project: ['support-bot'], model: [] } }
    expect(validateBudgetForm(values)).toEqual({
      body: {
        name: 'Support',
        scope: { project: ['support-bot'] },
        period: 'month',
        tz: 'Europe/Berlin',
        limitUsd: 500,
        thresholds: [50, 80, 100],
        forecast: true,
        hard: false,
        notify: 'perThreshold',
        channels: [],
      },
      errors: null,
    })
  })

  it('sends a token limit as limitTokens', () => {
    const { body } = validateBudgetForm({ ...valid(), measure: 'tokens', limit: '10 000 000' })
    expect(body).toMatchObject({ limitTokens: 10_000_000 })
    expect(body).not.toHaveProperty('limitUsd')
    expect(validateBudgetForm({ ...valid(), measure: 'tokens', limit: '1.5' }).errors).toEqual({ limit: 'A whole number of tokens' })
  })

  it('requires a name and a limit above zero', () => {
    expect(validateBudgetForm({ ...valid(), name: '  ', limit: '0' }).errors).toEqual({
      name: 'A name is required',
      limit: 'The limit must be more than 0',
    })
    expect(validateBudgetForm({ ...valid(), limit: 'lots' }).errors).toEqual({ limit: 'A limit in USD, e.g. 500' })
    expect(validateBudgetForm({ ...valid(), name: 'x'.repeat(129) }).errors).toEqual({ name: 'At most 128 characters' })
  })

  it('takes 1 to 10 distinct whole thresholds from 1 to 1000', () => {
    expect(parseThresholds('50, 80, 100, 120%')).toEqual({ values: [50, 80, 100, 120], error: null })
    expect(parseThresholds('').error).toMatch(/1 to 10/)
    expect(parseThresholds('1 2 3 4 5 6 7 8 9 10 11').error).toMatch(/1 to 10/)
    expect(parseThresholds('0, 50').error).toBe('"0" is not a whole percent from 1 to 1000')
    expect(parseThresholds('1001').error).toBe('"1001" is not a whole percent from 1 to 1000')
    expect(parseThresholds('50.5').error).toBe('"50.5" is not a whole percent from 1 to 1000')
    expect(parseThresholds('50, 50').error).toBe('50 is given twice')
  })

  it('checks webhooks: an http(s) URL, and a secret of 16+ characters for a new json one', () => {
    const channels = [
      { url: 'ftp://x', kind: 'webhook' as const, recipients: '', format: 'json' as const, secret: '', hasSecret: false },
      {
        url: 'https://hooks.example.com/a',
        kind: 'webhook' as const,
        recipients: '',
        format: 'json' as const,
        secret: '',
        hasSecret: false,
      },
      {
        url: 'https://hooks.example.com/b',
        kind: 'webhook' as const,
        recipients: '',
        format: 'json' as const,
        secret: 'short',
        hasSecret: false,
      },
      {
        url: 'https://hooks.slack.com/c',
        kind: 'webhook' as const,
        recipients: '',
        format: 'slack' as const,
        secret: '',
        hasSecret: false,
      },
      {
        id: 'ch_1',
        url: 'https://hooks.example.com/d',
        kind: 'webhook' as const,
        recipients: '',
        format: 'json' as const,
        secret: '',
        hasSecret: true,
      },
    ]
    expect(validateBudgetForm({ ...valid(), channels }).errors).toEqual({
      'channels.0': 'An http or https URL, e.g. https://hooks.example.com/alerts',
      'channels.1': 'A json webhook needs a secret (16+ characters): it signs every delivery',
      'channels.2': 'The secret must be 16 to 256 characters',
    })
    const ok = validateBudgetForm({ ...valid(), channels: channels.slice(3) })
    // An existing channel without a new secret keeps its own: no secret is sent.
    expect(ok.body?.channels).toEqual([
      { url: 'https://hooks.slack.com/c', format: 'slack' },
      { id: 'ch_1', url: 'https://hooks.example.com/d', format: 'json' },
    ])
  })

  it('sends an email channel as its recipients, checked as the API checks addresses', () => {
    const email = (recipients: string) => ({
      kind: 'email' as const,
      recipients,
      url: '',
      format: 'json' as const,
      secret: '',
      hasSecret: false,
    })
    const ok = validateBudgetForm({
      ...valid(),
      notify: 'daily',
      hard: true,
      channels: [email('finops@example.com; cto@example.com finops@example.com')],
    })
    expect(ok.body).toMatchObject({
      notify: 'daily',
      hard: true,
      channels: [{ type: 'email', recipients: ['finops@example.com', 'cto@example.com'] }],
    })
    expect(validateBudgetForm({ ...valid(), channels: [email('')] }).errors).toEqual({
      'channels.0': 'Give 1 to 20 email addresses, e.g. finops@example.com',
    })
    expect(validateBudgetForm({ ...valid(), channels: [email('finops@example.com, not-an-address')] }).errors).toEqual({
      'channels.0': '"not-an-address" is not an email address such as finops@example.com',
    })
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@example.com`).join(', ')
    expect(validateBudgetForm({ ...valid(), channels: [email(many)] }).errors).toEqual({
      'channels.0': 'Give 1 to 20 email addresses, e.g. finops@example.com',
    })
  })

  it('refuses a zone the browser does not know', () => {
    expect(validateBudgetForm({ ...valid(), tz: 'Mars/Olympus' }).errors).toEqual({ tz: 'An IANA time zone, e.g. Europe/Berlin' })
  })

  it('edits a budget as it was saved', () => {
    const budget: Budget = {
      id: 'bud_1',
      tenant: 't',
      name: 'Tokens',
      scope: { model: ['gpt-4o'] },
      period: 'week',
      tz: 'Asia/Kolkata',
      limitUsd: null,
      limitTokens: 5_000_000,
      thresholds: [75, 100],
      forecast: false,
      hard: true,
      notify: 'daily',
      channels: [
        { id: 'ch_1', type: 'webhook', url: 'https://x.example/h', format: 'json', hasSecret: true, recipients: null },
        { id: 'ch_2', type: 'email', url: null, format: 'email', hasSecret: false, recipients: ['finops@example.com', 'cto@example.com'] },
      ],
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-01T00:00:00Z',
    }
    const values = formFromBudget(budget)
    expect(values).toMatchObject({
      name: 'Tokens',
      measure: 'tokens',
      limit: '5000000',
      thresholds: '75, 100',
      forecast: false,
      period: 'week',
      tz: 'Asia/Kolkata',
    })
    expect(validateBudgetForm(values).body).toEqual({
      name: 'Tokens',
      scope: { model: ['gpt-4o'] },
      period: 'week',
      tz: 'Asia/Kolkata',
      limitTokens: 5_000_000,
      thresholds: [75, 100],
      forecast: false,
      hard: true,
      notify: 'daily',
      channels: [
        { id: 'ch_1', url: 'https://x.example/h', format: 'json' },
        { id: 'ch_2', type: 'email', recipients: ['finops@example.com', 'cto@example.com'] },
      ],
    })
  })

  it('maps the field an API 400 names to the form field it shows beside', () => {
    expect(formFieldOf('limitUsd')).toBe('limit')
    expect(formFieldOf('limitTokens')).toBe('limit')
    expect(formFieldOf('thresholds[2]')).toBe('thresholds')
    expect(formFieldOf('scope.tag.env')).toBe('scope')
    expect(formFieldOf('channels[1].url')).toBe('channels.1')
    expect(formFieldOf('name')).toBe('name')
    expect(formFieldOf('body')).toBe('form')
  })
})
