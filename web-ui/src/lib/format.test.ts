import { describe, expect, it } from 'vitest'
import { formatBucket, formatCompact, formatLatency, formatPercent, formatRelative, formatUsd, zoneLabel } from './format'

describe('formatting', () => {
  it('writes dollars with cents, and fractions of a cent with three significant digits', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50')
    expect(formatUsd(0)).toBe('$0.00')
    expect(formatUsd(0.000321)).toBe('$0.000321')
    expect(formatUsd(0.4567)).toBe('$0.457')
  })

  it('abbreviates large counts only', () => {
    expect(formatCompact(9_999)).toBe('9,999')
    expect(formatCompact(1_234_567)).toBe('1.2M')
  })

  it('writes latency in ms below a second, and a dash when there is none', () => {
    expect(formatLatency(812.4)).toBe('812 ms')
    expect(formatLatency(1530)).toBe('1.53 sec')
    expect(formatLatency(null)).toBe('—')
  })

  it('writes ratios as percentages', () => {
    expect(formatPercent(0.97345)).toBe('97.3%')
    expect(formatPercent(null)).toBe('—')
  })

  it('labels buckets in the chosen zone, not the browser one', () => {
    expect(formatBucket('2026-03-09T00:00:00-04:00', 'day', 'America/New_York')).toBe('Mar 9')
    expect(formatBucket('2026-03-09T00:00:00-04:00', 'day', 'Asia/Tokyo')).toBe('Mar 9')
    expect(formatBucket('2026-03-09T05:00:00Z', 'hour', 'Asia/Kathmandu')).toBe('Mar 9, 10:45 AM')
    expect(formatBucket('2026-03-01T00:00:00Z', 'month', 'UTC')).toBe('Mar 2026')
  })

  it('says how long ago', () => {
    const now = Date.parse('2026-03-09T12:00:00Z')
    expect(formatRelative('2026-03-09T11:57:00Z', now)).toBe('3 minutes ago')
    expect(formatRelative('2026-03-07T12:00:00Z', now)).toBe('2 days ago')
    expect(formatRelative(null, now)).toBe('—')
  })

  it('names a zone with its offset', () => {
    expect(zoneLabel('Asia/Kolkata')).toBe('Asia/Kolkata (UTC+05:30)')
    expect(zoneLabel('UTC')).toMatch(/^UTC \(UTC(\+00:00)?\)$/)
  })
})
