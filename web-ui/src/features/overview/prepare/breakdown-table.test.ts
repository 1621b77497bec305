import { describe, expect, it } from 'vitest'
import type { BreakdownRow } from '@/types/models'
import { apiSort, nextSort, orderRows } from './breakdown-table'

function row(key: string | null, requests: number, avgLatencyMs: number | null, lastSeen: string | null): BreakdownRow {
  return {
    key,
    requests,
    successes: requests,
    errors: 0,
    errorRate: 0,
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    costUsd: requests / 10,
    share: 0,
    avgLatencyMs,
    p95LatencyMs: null,
    lastSeen,
  }
}

const rows = [row('b', 5, 300, '2026-12-01T10:00:00Z'), row('a', 9, null, '2026-12-03T10:00:00Z'), row(null, 1, 100, null)]

describe('breakdown table sorting', () => {
  it('orders by a measure in either direction, keeping rows without a value last', () => {
    expect(orderRows(rows, { column: 'avgLatencyMs', direction: 'desc' }).map((r) => r.key)).toEqual(['b', null, 'a'])
    expect(orderRows(rows, { column: 'avgLatencyMs', direction: 'asc' }).map((r) => r.key)).toEqual([null, 'b', 'a'])
    expect(orderRows(rows, { column: 'lastSeen', direction: 'desc' }).map((r) => r.key)).toEqual(['a', 'b', null])
    expect(orderRows(rows, { column: 'requests', direction: 'asc' }).map((r) => r.key)).toEqual([null, 'b', 'a'])
  })

  it('orders names in code point order with the row without a key last', () => {
    expect(orderRows(rows, { column: 'key', direction: 'asc' }).map((r) => r.key)).toEqual(['a', 'b', null])
    expect(orderRows(rows, { column: 'key', direction: 'desc' }).map((r) => r.key)).toEqual(['b', 'a', null])
  })

  it('asks the API for the top rows by the clicked measure and keeps the panel default for names', () => {
    expect(apiSort({ column: 'avgLatencyMs', direction: 'asc' }, 'cost')).toBe('latency')
    expect(apiSort({ column: 'lastSeen', direction: 'desc' }, 'cost')).toBe('lastSeen')
    expect(apiSort({ column: 'totalTokens', direction: 'desc' }, 'cost')).toBe('tokens')
    expect(apiSort({ column: 'key', direction: 'asc' }, 'requests')).toBe('requests')
  })

  it('flips the direction on a second click and starts a new column descending', () => {
    expect(nextSort({ column: 'costUsd', direction: 'desc' }, 'costUsd')).toEqual({ column: 'costUsd', direction: 'asc' })
    expect(nextSort({ column: 'costUsd', direction: 'asc' }, 'requests')).toEqual({ column: 'requests', direction: 'desc' })
    expect(nextSort({ column: 'costUsd', direction: 'desc' }, 'key')).toEqual({ column: 'key', direction: 'asc' })
  })
})
