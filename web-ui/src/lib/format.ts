/** Every number and date the dashboard shows goes through `Intl`, in the reader's locale. */
import type { BucketUnit } from '@/types/models'

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 })
const usd2 = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 })
const usdSmall = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 })
const usdCompact = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 })
const percent1 = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
const percent2 = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 2 })
const signedPercent = new Intl.NumberFormat(undefined, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 })
const signedPoints = new Intl.NumberFormat(undefined, { signDisplay: 'exceptZero', maximumFractionDigits: 1 })
const ms = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 })
const seconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 2 })

const usdPrecise = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 6,
})

export const DASH = '—'

/** Dollars exactly as given, to 6 decimals: prices per 1M tokens ($0.075, $1.25). */
export function formatUsdPrecise(value: number): string {
  return usdPrecise.format(value)
}

/** A date (no time) in `zone`: for effective dates and period bounds. */
export function formatDate(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: zone }).format(new Date(iso))
}

export function formatInteger(value: number): string {
  return integer.format(value)
}

/** 1.2K, 3.4M: for cards and axes; the exact number goes in a title. */
export function formatCompact(value: number): string {
  return Math.abs(value) < 10_000 ? integer.format(value) : compact.format(value)
}

/** Dollars: cents from $1 up, three significant digits below (LLM calls cost fractions of a cent). */
export function formatUsd(value: number): string {
  if (value === 0) {
    return usd2.format(0)
  }
  return Math.abs(value) >= 1 ? usd2.format(value) : usdSmall.format(value)
}

/** An axis tick: cents from a cent up (ticks are round numbers), compact from $10K. */
export function formatUsdAxis(value: number): string {
  if (Math.abs(value) >= 10_000) return usdCompact.format(value)
  return Math.abs(value) >= 0.01 || value === 0 ? usd2.format(value) : usdSmall.format(value)
}

/** A ratio as a percentage: 0.9734 → 97.3%. */
export function formatPercent(ratio: number | null, precise = false): string {
  if (ratio === null || !Number.isFinite(ratio)) {
    return DASH
  }
  return (precise ? percent2 : percent1).format(ratio)
}

export function formatLatency(value: number | null): string {
  if (value === null || !Number.isFinite(value)) {
    return DASH
  }
  return value < 1000 ? ms.format(value) : seconds.format(value / 1000)
}

/** A relative change: +12.5%, −3%. */
export function formatChange(ratio: number): string {
  return signedPercent.format(ratio)
}

/** A difference of percentages in points: +1.2 pp. */
export function formatPoints(points: number): string {
  return `${signedPoints.format(points)} pp`
}

const dateTimeCache = new Map<string, Intl.DateTimeFormat>()

function dateTimeFormat(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`
  let format = dateTimeCache.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone })
    dateTimeCache.set(key, format)
  }
  return format
}

/** An instant as a short date and time in `zone`, without the year: for recent events. */
export function formatShortDateTime(iso: string, zone: string): string {
  return dateTimeFormat(zone, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    new Date(iso),
  )
}

/** An instant as a date and time in `zone`, to the second: for the log. */
export function formatDateTime(iso: string, zone: string): string {
  return dateTimeFormat(zone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso))
}

/** "3 min ago", "2 days ago": for the last-used column. */
export function formatRelative(iso: string | null, now: number = Date.now()): string {
  if (!iso) {
    return DASH
  }
  const seconds = (Date.parse(iso) - now) / 1000
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
  const abs = Math.abs(seconds)
  if (abs < 60) return rtf.format(Math.round(seconds), 'second')
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour')
  return rtf.format(Math.round(seconds / 86_400), 'day')
}

/** A bucket's start as an axis label in `zone`, as fine as the bucket. */
export function formatBucket(iso: string, unit: BucketUnit, zone: string): string {
  const date = new Date(iso)
  switch (unit) {
    case 'minute':
    case 'hour':
      return dateTimeFormat(zone, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date)
    case 'day':
    case 'week':
      return dateTimeFormat(zone, { month: 'short', day: 'numeric' }).format(date)
    case 'month':
      return dateTimeFormat(zone, { year: 'numeric', month: 'short' }).format(date)
  }
}

/** A zone's name with its current offset: "Europe/Berlin (UTC+01:00)". */
export function zoneLabel(zone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')
    const offset = part?.value === 'GMT' ? 'UTC' : (part?.value.replace('GMT', 'UTC') ?? '')
    return `${zone} (${offset})`
  } catch {
    return zone
  }
}
