/**
 * The forms of usage rules, anomaly watches and digests: values as typed, checked as the API checks
 * them (RuleRequest: name 1-128 characters; a window of whole minutes from 5m to 1d; a threshold of
 * at least 0, at most 1 for the error rate; a clear threshold not past the threshold; clearAfter 1-100;
 * k 0.5-20; minSpendUsd 0-1e9; a local time HH:MM; topMovers 0-20; an IANA zone; at most 10 channels),
 * turned into the body of POST or PUT. The error rate is typed as a percent and sent as 0-1. The
 * API's own 400s name a field (`threshold`, `channels[0].url`): `ruleFieldOf` maps them to the form's.
 */
import { channelRequest, channelValues, checkChannel, type ChannelValues } from '@/lib/channels'
import type { AnyRule, Cadence, Comparison, Granularity, Measure, RuleCollection, RuleRequest } from '@/types/rules'
import { isZone } from '@/lib/zones'

export const MEASURES: readonly Measure[] = ['errorRate', 'p95LatencyMs', 'requests', 'tokensPerRequest', 'unpricedRequests', 'costUsd']
export const MEASURE_LABELS: Record<Measure, string> = {
  errorRate: 'Error rate',
  p95LatencyMs: 'p95 latency',
  requests: 'Requests',
  tokensPerRequest: 'Tokens per request',
  unpricedRequests: 'Unpriced requests',
  costUsd: 'Cost',
}
/** What a threshold of each measure is typed in. */
export const MEASURE_UNITS: Record<Measure, string> = {
  errorRate: '%',
  p95LatencyMs: 'ms',
  requests: 'requests',
  tokensPerRequest: 'tokens',
  unpricedRequests: 'requests',
  costUsd: 'USD',
}
export const WINDOWS = ['5m', '10m', '15m', '30m', '1h', '3h', '6h', '12h', '1d'] as const
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
export const SCOPE_DIMENSIONS = ['provider', 'model', 'project', 'apiKey', 'endpoint', 'status'] as const
const MAX_NAME = 128
const MAX_AMOUNT = 1_000_000_000_000

interface Common {
  name: string
  enabled: boolean
  scope: Record<string, string[]>
  channels: ChannelValues[]
}

export interface UsageValues extends Common {
  kind: 'usage'
  window: string
  measure: Measure
  comparison: Comparison
  threshold: string
  /** Empty: the threshold itself. */
  clearThreshold: string
  clearAfter: string
}

export interface AnomalyValues extends Common {
  kind: 'anomaly'
  granularity: Granularity
  tz: string
  k: string
  minSpendUsd: string
}

export interface DigestValues extends Common {
  kind: 'digest'
  cadence: Cadence
  day: string
  at: string
  tz: string
  topMovers: string
}

export type RuleFormValues = UsageValues | AnomalyValues | DigestValues

export type RuleField =
  | 'name'
  | 'window'
  | 'measure'
  | 'comparison'
  | 'threshold'
  | 'clearThreshold'
  | 'clearAfter'
  | 'granularity'
  | 'tz'
  | 'k'
  | 'minSpendUsd'
  | 'cadence'
  | 'day'
  | 'at'
  | 'topMovers'
  | 'scope'
  | 'enabled'
  | `channels.${number}`
  | 'form'
export type RuleFormErrors = Partial<Record<RuleField, string>>

export const COLLECTIONS: Record<RuleFormValues['kind'], RuleCollection> = { usage: 'rules', anomaly: 'anomalies', digest: 'digests' }

export function emptyRuleForm(collection: RuleCollection, zone: string): RuleFormValues {
  const common: Common = { name: '', enabled: true, scope: {}, channels: [] }
  if (collection === 'rules') {
    return {
      ...common,
      kind: 'usage',
      window: '15m',
      measure: 'errorRate',
      comparison: 'above',
      threshold: '5',
      clearThreshold: '',
      clearAfter: '1',
    }
  }
  if (collection === 'anomalies') {
    return { ...common, kind: 'anomaly', granularity: 'day', tz: zone, k: '3', minSpendUsd: '10' }
  }
  return { ...common, kind: 'digest', cadence: 'weekly', day: 'monday', at: '09:00', tz: zone, topMovers: '5' }
}

/** A ratio as the percent typed: 0.055 → "5.5". */
function percentText(ratio: number): string {
  return String(Number((ratio * 100).toPrecision(12)))
}

/** A typed percent as the ratio sent: "0.7" → 0.007 (without 0.006999…). */
function ratioOf(percent: number): number {
  return Number((percent / 100).toPrecision(12))
}

export function formFromRule(rule: AnyRule): RuleFormValues {
  const common: Common = {
    name: rule.name,
    enabled: rule.enabled,
    scope: { ...rule.scope },
    channels: rule.channels.map(channelValues),
  }
  if (rule.kind === 'usage') {
    const shown = (v: number) => (rule.measure === 'errorRate' ? percentText(v) : String(v))
    return {
      ...common,
      kind: 'usage',
      window: rule.window,
      measure: rule.measure,
      comparison: rule.comparison,
      threshold: shown(rule.threshold),
      clearThreshold: rule.clearThreshold === rule.threshold ? '' : shown(rule.clearThreshold),
      clearAfter: String(rule.clearAfter),
    }
  }
  if (rule.kind === 'anomaly') {
    return {
      ...common,
      kind: 'anomaly',
      granularity: rule.granularity,
      tz: rule.tz,
      k: String(rule.k),
      minSpendUsd: String(rule.minSpendUsd),
    }
  }
  return {
    ...common,
    kind: 'digest',
    cadence: rule.cadence,
    day: rule.day ?? 'monday',
    at: rule.at,
    tz: rule.tz,
    topMovers: String(rule.topMovers),
  }
}

/** "5m", "90m", "1h", "1d" → minutes, or null. */
export function windowMinutes(text: string): number | null {
  const match = /^(\d+)\s*([mhd])$/.exec(text.trim())
  if (!match) return null
  return Number(match[1]) * { m: 1, h: 60, d: 1440 }[match[2] as 'm' | 'h' | 'd']
}

function number(text: string): number | null {
  const cleaned = text.trim().replace(/[\s_,]/g, '')
  if (cleaned === '') return null
  const n = Number(cleaned)
  return Number.isFinite(n) ? n : null
}

function checkUsage(values: UsageValues, errors: RuleFormErrors): Partial<RuleRequest> | null {
  const minutes = windowMinutes(values.window)
  if (minutes === null || minutes < 5 || minutes > 1440) errors.window = 'Whole minutes from 5m to 1d, e.g. 15m, 1h or 1d'
  const rate = values.measure === 'errorRate'
  const max = rate ? 100 : MAX_AMOUNT
  const range = rate ? 'A percent from 0 to 100, e.g. 5' : `A number of ${MEASURE_UNITS[values.measure]} of at least 0`
  const threshold = number(values.threshold)
  if (threshold === null || threshold < 0 || threshold > max) errors.threshold = range
  const ownClear = values.clearThreshold.trim() !== ''
  const clear = ownClear ? number(values.clearThreshold) : threshold
  // Empty, it is the threshold, whose own error says what is wrong.
  if (ownClear && (clear === null || clear < 0 || clear > max)) errors.clearThreshold = range
  else if (threshold !== null && clear !== null && (values.comparison === 'above' ? clear > threshold : clear < threshold)) {
    errors.clearThreshold =
      values.comparison === 'above'
        ? 'Not above the threshold: the rule resolves when the measure is back at or below it'
        : 'Not below the threshold: the rule resolves when the measure is back at or above it'
  }
  const clearAfter = number(values.clearAfter)
  if (clearAfter === null || !Number.isInteger(clearAfter) || clearAfter < 1 || clearAfter > 100) {
    errors.clearAfter = 'A whole number of evaluations from 1 to 100'
  }
  if (errors.window || errors.threshold || errors.clearThreshold || errors.clearAfter) return null
  const sent = (v: number) => (rate ? ratioOf(v) : v)
  return {
    window: values.window.trim(),
    measure: values.measure,
    comparison: values.comparison,
    threshold: sent(threshold!),
    ...(values.clearThreshold.trim() === '' ? {} : { clearThreshold: sent(clear!) }),
    clearAfter: clearAfter!,
  }
}

function checkAnomaly(values: AnomalyValues, errors: RuleFormErrors): Partial<RuleRequest> | null {
  if (!isZone(values.tz)) errors.tz = 'An IANA time zone, e.g. Europe/Berlin'
  const k = number(values.k)
  if (k === null || k < 0.5 || k > 20) errors.k = 'A number from 0.5 to 20, e.g. 3'
  const min = number(values.minSpendUsd)
  if (min === null || min < 0 || min > 1_000_000_000) errors.minSpendUsd = 'USD from 0 to 1,000,000,000, e.g. 10'
  if (errors.tz || errors.k || errors.minSpendUsd) return null
  return { granularity: values.granularity, tz: values.tz, k: k!, minSpendUsd: min! }
}

function checkDigest(values: DigestValues, errors: RuleFormErrors): Partial<RuleRequest> | null {
  if (!isZone(values.tz)) errors.tz = 'An IANA time zone, e.g. Europe/Berlin'
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(values.at.trim())) errors.at = 'A local time HH:MM, e.g. 09:00'
  const movers = number(values.topMovers)
  if (movers === null || !Number.isInteger(movers) || movers < 0 || movers > 20) errors.topMovers = 'A whole number from 0 to 20'
  if (errors.tz || errors.at || errors.topMovers) return null
  return {
    cadence: values.cadence,
    ...(values.cadence === 'weekly' ? { day: values.day } : {}),
    at: values.at.trim(),
    tz: values.tz,
    topMovers: movers!,
  }
}

export function validateRuleForm(values: RuleFormValues): { body: RuleRequest; errors: null } | { body: null; errors: RuleFormErrors } {
  const errors: RuleFormErrors = {}
  const name = values.name.trim()
  if (!name) errors.name = 'A name is required'
  else if (name.length > MAX_NAME) errors.name = `At most ${MAX_NAME} characters`
  const settings =
    values.kind === 'usage'
      ? checkUsage(values, errors)
      : values.kind === 'anomaly'
        ? checkAnomaly(values, errors)
        : checkDigest(values, errors)
  values.channels.forEach((channel, i) => {
    const error = checkChannel(channel)
    if (error) errors[`channels.${i}`] = error
  })
  if (Object.keys(errors).length > 0 || settings === null) {
    return { body: null, errors }
  }
  const scope = Object.fromEntries(Object.entries(values.scope).filter(([, v]) => v.length > 0))
  return {
    body: { name, scope, enabled: values.enabled, ...settings, channels: values.channels.map(channelRequest) } as RuleRequest,
    errors: null,
  }
}

const FIELDS: readonly RuleField[] = [
  'name',
  'window',
  'measure',
  'comparison',
  'threshold',
  'clearThreshold',
  'clearAfter',
  'granularity',
  'tz',
  'k',
  'minSpendUsd',
  'cadence',
  'day',
  'at',
  'topMovers',
  'enabled',
]

/** The form field a field named by the API belongs to: `scope.project` → scope, `channels[1].url` → channels.1. */
export function ruleFieldOf(apiField: string): RuleField {
  if (apiField.startsWith('scope')) return 'scope'
  const channel = /^channels\[(\d+)\]/.exec(apiField)
  if (channel) return `channels.${Number(channel[1])}`
  return FIELDS.includes(apiField as RuleField) ? (apiField as RuleField) : 'form'
}
