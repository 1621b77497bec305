/**
 * The budget form: values as typed, checked as the API checks them (BudgetRequest: name 1-128
 * characters, exactly one positive limit, 1-10 distinct whole thresholds from 1 to 1000, period
 * day/week/month, an IANA zone, webhooks with an http(s) URL and, for json ones, a 16-256 character
 * secret, email channels with 1-20 addresses), turned into the body of POST or PUT /budgets. The API's own 400s name a field
 * (`limitUsd`, `thresholds[1]`, `channels[0].url`): `formFieldOf` maps them to the form's fields.
 * Channels are held, checked and sent as every alert source's are (`@/lib/channels`).
 */
import { channelRequest, channelValues, checkChannel, type ChannelValues } from '@/lib/channels'
import type { Budget, BudgetPeriodUnit, BudgetRequest, NotifyPolicy } from '@/types/models'
import { isZone } from '@/lib/zones'

export const PERIODS: readonly BudgetPeriodUnit[] = ['day', 'week', 'month']
export const SCOPE_DIMENSIONS = ['provider', 'model', 'project', 'apiKey', 'endpoint', 'status'] as const
export const MAX_THRESHOLDS = 10
export const MAX_THRESHOLD = 1000
const MAX_NAME = 128
const MAX_USD = 1_000_000_000_000
const MAX_TOKENS = 1_000_000_000_000_000
export interface BudgetFormValues {
  name: string
  period: BudgetPeriodUnit
  tz: string
  measure: 'usd' | 'tokens'
  limit: string
  /** "50, 80, 100" */
  thresholds: string
  forecast: boolean
  hard: boolean
  notify: NotifyPolicy
  scope: Record<string, string[]>
  channels: ChannelValues[]
}

/** Form fields an error can be shown beside; `channels.N` is one webhook. */
export type BudgetField =
  'name' | 'period' | 'tz' | 'limit' | 'thresholds' | 'scope' | 'forecast' | 'hard' | 'notify' | `channels.${number}` | 'form'
export type BudgetFormErrors = Partial<Record<BudgetField, string>>

export function emptyBudgetForm(zone: string): BudgetFormValues {
  return {
    name: '',
    period: 'month',
    tz: zone,
    measure: 'usd',
    limit: '',
    thresholds: '50, 80, 100',
    forecast: true,
    hard: false,
    notify: 'perThreshold',
    scope: {},
    channels: [],
  }
}

export function formFromBudget(budget: Budget): BudgetFormValues {
  const usd = budget.limitUsd !== null
  return {
    name: budget.name,
    period: budget.period,
    tz: budget.tz,
    measure: usd ? 'usd' : 'tokens',
    limit: String(usd ? budget.limitUsd : budget.limitTokens),
    thresholds: budget.thresholds.join(', '),
    forecast: budget.forecast,
    hard: budget.hard,
    notify: budget.notify,
    scope: { ...budget.scope },
    channels: budget.channels.map(channelValues),
  }
}

/** "50, 80 100" → [50, 80, 100], or what is wrong. */
export function parseThresholds(text: string): { values: number[]; error: null } | { values: null; error: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean)
  if (parts.length === 0 || parts.length > MAX_THRESHOLDS) {
    return { values: null, error: `Give 1 to ${MAX_THRESHOLDS} percents of the limit, e.g. 50, 80, 100` }
  }
  const values: number[] = []
  for (const part of parts) {
    const n = Number(part.replace(/%$/, ''))
    if (!Number.isInteger(n) || n < 1 || n > MAX_THRESHOLD) {
      return { values: null, error: `"${part}" is not a whole percent from 1 to ${MAX_THRESHOLD}` }
    }
    if (values.includes(n)) {
      return { values: null, error: `${n} is given twice` }
    }
    values.push(n)
  }
  return { values: values.sort((a, b) => a - b), error: null }
}

function checkLimit(values: BudgetFormValues): { limit: number; error: null } | { limit: null; error: string } {
  const text = values.limit.trim().replace(/[\s_]/g, '')
  const n = Number(text)
  if (text === '' || !Number.isFinite(n)) {
    return { limit: null, error: values.measure === 'usd' ? 'A limit in USD, e.g. 500' : 'A number of tokens, e.g. 10000000' }
  }
  if (n <= 0) {
    return { limit: null, error: 'The limit must be more than 0' }
  }
  if (values.measure === 'tokens' && (!Number.isInteger(n) || n > MAX_TOKENS)) {
    return { limit: null, error: 'A whole number of tokens' }
  }
  if (values.measure === 'usd' && (n > MAX_USD || (text.split('.')[1]?.length ?? 0) > 12)) {
    return { limit: null, error: 'At most 1,000,000,000,000 USD, 12 decimals' }
  }
  return { limit: n, error: null }
}

export function validateBudgetForm(
  values: BudgetFormValues,
): { body: BudgetRequest; errors: null } | { body: null; errors: BudgetFormErrors } {
  const errors: BudgetFormErrors = {}
  const name = values.name.trim()
  if (!name) errors.name = 'A name is required'
  else if (name.length > MAX_NAME) errors.name = `At most ${MAX_NAME} characters`
  if (!PERIODS.includes(values.period)) errors.period = 'Day, week or month'
  if (!isZone(values.tz)) errors.tz = 'An IANA time zone, e.g. Europe/Berlin'
  const limit = checkLimit(values)
  if (limit.error) errors.limit = limit.error
  const thresholds = parseThresholds(values.thresholds)
  if (thresholds.error) errors.thresholds = thresholds.error
  values.channels.forEach((channel, i) => {
    const error = checkChannel(channel)
    if (error) errors[`channels.${i}`] = error
  })
  if (Object.keys(errors).length > 0 || limit.limit === null || thresholds.values === null) {
    return { body: null, errors }
  }
  const scope = Object.fromEntries(Object.entries(values.scope).filter(([, v]) => v.length > 0))
  return {
    body: {
      name,
      scope,
      period: values.period,
      tz: values.tz,
      ...(values.measure === 'usd' ? { limitUsd: limit.limit } : { limitTokens: limit.limit }),
      thresholds: thresholds.values,
      forecast: values.forecast,
      hard: values.hard,
      notify: values.notify,
      channels: values.channels.map(channelRequest),
    },
    errors: null,
  }
}

/** The form field a field named by the API belongs to: `limitUsd` → limit, `thresholds[2]` → thresholds, `channels[1].url` → channels.1. */
export function formFieldOf(apiField: string): BudgetField {
  if (apiField === 'limitUsd' || apiField === 'limitTokens') return 'limit'
  if (apiField.startsWith('thresholds')) return 'thresholds'
  if (apiField.startsWith('scope')) return 'scope'
  const channel = /^channels\[(\d+)\]/.exec(apiField)
  if (channel) return `channels.${Number(channel[1])}`
  if (apiField === 'channels') return 'form'
  if (['name', 'period', 'tz', 'forecast', 'hard', 'notify'].includes(apiField)) return apiField as BudgetField
  return 'form'
}
