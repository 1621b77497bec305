/**
 * Rules, notices and what the rule actions answer, in the shapes the query service gives them
 * (RuleViews, Bodies), for the Rules and Alerts page tests. Plain values: each test states with
 * `server.use(answer...)` which of them the API answers (see `api.ts`); `noRules()` answers the
 * rule and notice lists empty, for pages that read them without the test being about them.
 */
import { answer } from './api'
import type { BudgetChannel } from '@/types/models'
import type { AnomalyWatch, Digest, Notice, NoticeBody, NoticeDelivery, UsageRule } from '@/types/rules'

export const HOOK: BudgetChannel = {
  id: 'ch_hook',
  type: 'webhook',
  url: 'https://hooks.example.com/ok',
  format: 'json',
  hasSecret: true,
  recipients: null,
}
export const MAIL: BudgetChannel = {
  id: 'ch_mail',
  type: 'email',
  url: null,
  format: 'email',
  hasSecret: false,
  recipients: ['ops@example.com'],
}

/** A rule as the document types it (`GET /rules` answers maps): the UI's type, open to more properties. */
export type Stored<T> = T & Record<string, unknown>

const STAMPS = { tenant: 'demo', scope: {}, enabled: true, createdAt: '2026-03-10T15:00:00Z', updatedAt: '2026-03-10T15:00:00Z' }

/** An error-rate rule (above 50 % over 5 minutes) with a JSON webhook and an email, as the service stores it. */
export function usageRule(patch: Partial<UsageRule> = {}): Stored<UsageRule> {
  return {
    ...STAMPS,
    id: 'rul_1',
    kind: 'usage',
    name: 'Error rate',
    window: '5m',
    measure: 'errorRate',
    comparison: 'above',
    threshold: 0.5,
    clearThreshold: 0.5,
    clearAfter: 1,
    channels: [HOOK, MAIL],
    ...patch,
  }
}

export function anomalyWatch(patch: Partial<AnomalyWatch> = {}): Stored<AnomalyWatch> {
  return {
    ...STAMPS,
    id: 'rul_2',
    kind: 'anomaly',
    name: 'Spend',
    granularity: 'day',
    tz: 'UTC',
    k: 3,
    minSpendUsd: 10,
    channels: [
      { id: 'ch_spend', type: 'webhook', url: 'https://hooks.example.com/spend', format: 'slack', hasSecret: false, recipients: null },
    ],
    ...patch,
  }
}

export function digestRule(patch: Partial<Digest> = {}): Stored<Digest> {
  return {
    ...STAMPS,
    id: 'rul_3',
    kind: 'digest',
    name: 'Weekly',
    cadence: 'weekly',
    day: 'monday',
    at: '09:00',
    tz: 'UTC',
    topMovers: 5,
    channels: [],
    ...patch,
  }
}

/** Every rule and notice list answered empty. */
export function noRules() {
  return [
    answer.get('/api/v1/rules', { items: [] }),
    answer.get('/api/v1/anomalies', { items: [] }),
    answer.get('/api/v1/digests', { items: [] }),
    answer.get('/api/v1/notices', { items: [] }),
    answer.get('/api/v1/rules/{id}/notices', { items: [] }),
    answer.get('/api/v1/anomalies/{id}/notices', { items: [] }),
    answer.get('/api/v1/digests/{id}/notices', { items: [] }),
  ]
}

const ref = (ruleId: string, kind: string, name: string) => ({ id: ruleId, kind, name, scope: {} })

export function firedBody(ruleId: string, patch: Partial<NoticeBody> = {}): NoticeBody {
  return {
    id: 'ntc_fired',
    type: 'rule.fired',
    tenant: 'demo',
    rule: ref(ruleId, 'usage', 'Error rate'),
    measure: 'errorRate',
    comparison: 'above',
    threshold: 0.5,
    clearThreshold: 0.5,
    value: 0.6,
    window: '5m',
    windowFrom: '2026-03-10T13:55:00Z',
    windowTo: '2026-03-10T14:00:00Z',
    incident: 1,
    time: '2026-03-10T14:00:00Z',
    test: false,
    ...patch,
  }
}

export function delivery(noticeId: string, channelId: string, patch: Partial<NoticeDelivery> = {}): NoticeDelivery {
  return {
    deliveryId: `dlv_${noticeId}_${channelId}`,
    noticeId,
    channelId,
    format: 'json',
    state: 'delivered',
    attempts: 1,
    lastAttemptAt: '2026-03-10T14:00:01Z',
    lastStatusCode: 200,
    lastError: null,
    deliveredAt: '2026-03-10T14:00:01Z',
    ...patch,
  }
}

export function notice(id: string, ruleId: string, body: NoticeBody, raisedAt: string, deliveries: NoticeDelivery[]): Notice {
  return { id, ruleId, type: body.type, occurrence: `${body.type}:${id}`, raisedAt, notice: { ...body, id }, deliveries }
}

export function anomalyBody(ruleId: string): NoticeBody {
  return {
    id: 'ntc_anomaly',
    type: 'anomaly.spend',
    tenant: 'demo',
    rule: ref(ruleId, 'anomaly', 'Spend'),
    granularity: 'day',
    tz: 'UTC',
    periodStart: '2026-03-10T00:00:00Z',
    asOf: '2026-03-10T14:00:00Z',
    spentUsd: 50,
    expected: { mean: 1, spread: 0.1, low: 0.7, high: 1.3 },
    baselineUsd: [1, 1, 1, 1],
    k: 3,
    minSpendUsd: 10,
    time: '2026-03-10T14:00:00Z',
    test: false,
  }
}

export function digestBody(ruleId: string): NoticeBody {
  return {
    id: 'ntc_digest',
    type: 'digest',
    tenant: 'demo',
    rule: ref(ruleId, 'digest', 'Weekly'),
    cadence: 'weekly',
    tz: 'UTC',
    from: '2026-03-02T00:00:00Z',
    to: '2026-03-09T00:00:00Z',
    current: { costUsd: 120.5, requests: 4200, errors: 12, errorRate: 0.002857, totalTokens: 9_000_000 },
    previous: { costUsd: 100, requests: 4000, errors: 10, errorRate: 0.0025, totalTokens: 8_000_000 },
    movers: [],
    budgetsAtRisk: [],
    time: '2026-03-09T09:00:00Z',
    test: false,
  }
}
