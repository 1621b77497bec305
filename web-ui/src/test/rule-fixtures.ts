/** Rules and notices in the shapes the query service answers (RuleViews, Bodies), for the rules tests. */
import type { Notice, NoticeBody, NoticeDelivery } from '@/types/rules'

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
