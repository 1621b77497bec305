/**
 * Usage rules, spend anomaly watches and digests (`/rules`, `/anomalies`, `/digests`) and the notices
 * they raise, as the query service writes them. Request bodies come from the generated document
 * (`UsageRuleRequest`, `AnomalyWatchRequest`, `DigestRequest`); the service answers a rule as a map
 * (RuleViews.rule: the request's fields plus id, tenant, kind, createdAt, updatedAt), which the
 * document cannot describe, so its shape is written out here. The optional request fields the form always
 * fills (comparison, granularity, cadence) are taken without their null.
 */
import type { components } from './api'
import type { AlertSource, BudgetChannelRequest } from './models'

/** The collection under /api/v1 a rule lives in. */
export type RuleCollection = 'rules' | 'anomalies' | 'digests'

type Schemas = components['schemas']
export type Measure = Schemas['UsageRuleRequest']['measure']
export type Comparison = NonNullable<Schemas['UsageRuleRequest']['comparison']>
export type Granularity = NonNullable<Schemas['AnomalyWatchRequest']['granularity']>
export type Cadence = NonNullable<Schemas['DigestRequest']['cadence']>

interface RuleBase extends AlertSource {
  /** Disabled rules are not evaluated by the schedule (evaluate now, dry run and test still work). */
  enabled: boolean
}

export interface UsageRule extends RuleBase {
  kind: 'usage'
  /** "15m", "1h", "1d". */
  window: string
  measure: Measure
  comparison: Comparison
  threshold: number
  clearThreshold: number
  clearAfter: number
}

export interface AnomalyWatch extends RuleBase {
  kind: 'anomaly'
  granularity: Granularity
  tz: string
  k: number
  minSpendUsd: number
}

export interface Digest extends RuleBase {
  kind: 'digest'
  cadence: Cadence
  /** The weekday of a weekly digest ("monday"); absent for a daily one. */
  day?: string
  /** Local "HH:MM". */
  at: string
  tz: string
  topMovers: number
}

export type AnyRule = UsageRule | AnomalyWatch | Digest

interface RequestBase {
  name: string
  scope: Record<string, string[]>
  enabled: boolean
  channels: BudgetChannelRequest[]
}

export type UsageRuleRequest = RequestBase &
  Pick<UsageRule, 'window' | 'measure' | 'comparison' | 'threshold' | 'clearAfter'> & {
    clearThreshold?: number
  }
export type AnomalyWatchRequest = RequestBase & Pick<AnomalyWatch, 'granularity' | 'tz' | 'k' | 'minSpendUsd'>
export type DigestRequest = RequestBase & Pick<Digest, 'cadence' | 'at' | 'tz' | 'topMovers'> & { day?: string }
export type RuleRequest = UsageRuleRequest | AnomalyWatchRequest | DigestRequest

export type NoticeDeliveryState = 'pending' | 'failed' | 'delivered' | 'given_up'

/** One channel's delivery of a notice, from the alert outbox; `deliveryId` is the X-Tokenmeter-Delivery header. */
export interface NoticeDelivery {
  deliveryId: string
  noticeId: string
  channelId: string
  format: string
  state: NoticeDeliveryState
  attempts: number
  lastAttemptAt: string | null
  lastStatusCode: number | null
  lastError: string | null
  deliveredAt: string | null
}

/** The JSON a json channel receives (README "Usage rules, spend anomalies and digests"): common fields and each type's own. */
export interface NoticeBody {
  id: string
  type: string
  tenant: string
  rule: { id: string; kind: string; name: string; scope: Record<string, string[]> }
  time: string
  test: boolean
  [field: string]: unknown
}

/** A raised notice: `rule.fired`, `rule.resolved`, `anomaly.spend` or `digest`. */
export interface Notice {
  id: string
  ruleId: string
  type: string
  /** Unique per rule: fire:3, resolve:3, anomaly:<period start>, digest:<period start>. */
  occurrence: string
  raisedAt: string
  notice: NoticeBody
  deliveries: NoticeDelivery[]
}

/** What one channel would receive: a webhook's signed POST, or for email (url `mailto:`) the email as JSON {subject, text, html}. */
export interface NoticePreview {
  channelId: string
  format: 'json' | 'slack' | 'email'
  url: string
  headers: Record<string, string>
  body: string
}

/** `POST /{collection}/{id}/dry-run`: nothing sent or recorded. */
export interface NoticeDryRun {
  /** The figures evaluating looked at (each kind its own). */
  status: Record<string, unknown>
  /** The notice evaluating now would raise, with each channel's payload; null when nothing is due. */
  wouldSend: { type: string; notice: NoticeBody; deliveries: NoticePreview[] } | null
  /** That notice was raised before: evaluating would not send it again. */
  alreadyRaised: boolean
}

/** `POST /{collection}/{id}/evaluate`. */
export interface RuleEvaluateResult {
  raised: number
  status: Record<string, unknown>
}
