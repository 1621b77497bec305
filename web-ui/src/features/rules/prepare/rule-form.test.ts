import { describe, expect, it } from 'vitest'
import type { AnyRule, UsageRule } from '@/types/rules'
import { emptyRuleForm, formFromRule, ruleFieldOf, validateRuleForm, type RuleFormValues } from './rule-form'

const usage = (patch: Partial<Extract<RuleFormValues, { kind: 'usage' }>> = {}) =>
  ({ ...emptyRuleForm('rules', 'Europe/Berlin'), name: ' Errors ', ...patch }) as RuleFormValues

const stored: UsageRule = {
  id: 'rul_1',
  tenant: 'demo',
  kind: 'usage',
  name: 'Errors',
  scope: { project: ['support-bot'] },
  enabled: true,
  window: '15m',
  measure: 'errorRate',
  comparison: 'above',
  threshold: 0.07,
  clearThreshold: 0.03,
  clearAfter: 2,
  channels: [{ id: 'ch_1', type: 'webhook', url: 'https://hooks.example.com/a', format: 'json', hasSecret: true, recipients: null }],
  createdAt: '2026-03-10T10:00:00Z',
  updatedAt: '2026-03-10T10:00:00Z',
}

describe('rule form', () => {
  it('makes the body of POST /rules: the error rate typed as a percent is sent as 0-1, without float noise', () => {
    const values = usage({ threshold: '0.7', clearThreshold: '0.3', clearAfter: '3', scope: { project: ['bot'], model: [] } })
    expect(validateRuleForm(values)).toEqual({
      body: {
        name: 'Errors',
        scope: { project: ['bot'] },
        enabled: true,
        window: '15m',
        measure: 'errorRate',
        comparison: 'above',
        threshold: 0.007,
        clearThreshold: 0.003,
        clearAfter: 3,
        channels: [],
      },
      errors: null,
    })
  })

  it('leaves the clear threshold out when empty, so the API takes the threshold', () => {
    const { body } = validateRuleForm(usage({ measure: 'p95LatencyMs', threshold: '1 500' }))
    expect(body).toMatchObject({ measure: 'p95LatencyMs', threshold: 1500 })
    expect(body).not.toHaveProperty('clearThreshold')
  })

  it('checks what the API checks: threshold range, the clear threshold on the right side, clearAfter, the window', () => {
    expect(validateRuleForm(usage({ threshold: '120' })).errors).toEqual({ threshold: 'A percent from 0 to 100, e.g. 5' })
    expect(validateRuleForm(usage({ threshold: '5', clearThreshold: '6' })).errors).toEqual({
      clearThreshold: 'Not above the threshold: the rule resolves when the measure is back at or below it',
    })
    expect(validateRuleForm(usage({ comparison: 'below', threshold: '5', clearThreshold: '4' })).errors).toEqual({
      clearThreshold: 'Not below the threshold: the rule resolves when the measure is back at or above it',
    })
    expect(validateRuleForm(usage({ clearAfter: '1.5' })).errors).toEqual({ clearAfter: 'A whole number of evaluations from 1 to 100' })
    expect(validateRuleForm(usage({ window: '2m' })).errors).toEqual({ window: 'Whole minutes from 5m to 1d, e.g. 15m, 1h or 1d' })
    expect(validateRuleForm(usage({ name: ' ' })).errors).toEqual({ name: 'A name is required' })
  })

  it('makes anomaly and digest bodies; a daily digest has no day', () => {
    const anomaly = { ...emptyRuleForm('anomalies', 'UTC'), name: 'Spend', k: '2.5', minSpendUsd: '25' } as RuleFormValues
    expect(validateRuleForm(anomaly).body).toEqual({
      name: 'Spend',
      scope: {},
      enabled: true,
      granularity: 'day',
      tz: 'UTC',
      k: 2.5,
      minSpendUsd: 25,
      channels: [],
    })
    expect(validateRuleForm({ ...anomaly, k: '30' } as RuleFormValues).errors).toEqual({ k: 'A number from 0.5 to 20, e.g. 3' })
    const digest = { ...emptyRuleForm('digests', 'Europe/Berlin'), name: 'Weekly' } as RuleFormValues
    expect(validateRuleForm(digest).body).toMatchObject({
      cadence: 'weekly',
      day: 'monday',
      at: '09:00',
      tz: 'Europe/Berlin',
      topMovers: 5,
    })
    const daily = validateRuleForm({ ...digest, cadence: 'daily', at: '07:30' } as RuleFormValues).body
    expect(daily).toMatchObject({ cadence: 'daily', at: '07:30' })
    expect(daily).not.toHaveProperty('day')
    expect(validateRuleForm({ ...digest, at: '25:00', tz: 'Mars/Base' } as RuleFormValues).errors).toEqual({
      at: 'A local time HH:MM, e.g. 09:00',
      tz: 'An IANA time zone, e.g. Europe/Berlin',
    })
  })

  it('edits a stored rule as typed: percents back, a kept webhook secret, channels by id', () => {
    const values = formFromRule(stored)
    expect(values).toMatchObject({
      kind: 'usage',
      threshold: '7',
      clearThreshold: '3',
      clearAfter: '2',
      scope: { project: ['support-bot'] },
    })
    expect(validateRuleForm(values).body).toMatchObject({
      threshold: 0.07,
      clearThreshold: 0.03,
      channels: [{ id: 'ch_1', url: 'https://hooks.example.com/a', format: 'json' }],
    })
    const sameClear = formFromRule({ ...stored, clearThreshold: 0.07 } as AnyRule)
    expect(sameClear).toMatchObject({ clearThreshold: '' })
  })

  it('requires a secret for a new json webhook and checks email recipients', () => {
    const values = usage({
      channels: [
        { kind: 'webhook', url: 'https://hooks.example.com/x', format: 'json', secret: '', recipients: '', hasSecret: false },
        { kind: 'email', url: '', format: 'json', secret: '', recipients: 'ops@example.com, nope', hasSecret: false },
        { kind: 'webhook', url: 'ftp://x', format: 'slack', secret: '', recipients: '', hasSecret: false },
      ],
    })
    expect(validateRuleForm(values).errors).toEqual({
      'channels.0': 'A json webhook needs a secret (16+ characters): it signs every delivery',
      'channels.1': '"nope" is not an email address such as finops@example.com',
      'channels.2': 'An http or https URL, e.g. https://hooks.example.com/alerts',
    })
  })

  it('maps the fields the API names to the form’s', () => {
    expect(ruleFieldOf('threshold')).toBe('threshold')
    expect(ruleFieldOf('channels[2].url')).toBe('channels.2')
    expect(ruleFieldOf('scope.project')).toBe('scope')
    expect(ruleFieldOf('body')).toBe('form')
  })
})
