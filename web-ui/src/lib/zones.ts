import { browserZone } from '@/lib/use-dashboard-query'

/** Whether the browser knows this IANA time zone. */
export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.length > 0
  } catch {
    return false
  }
}

/** The zones a form offers: the current one first, then UTC, the browser's and every zone the browser knows. */
export function zoneChoices(current: string): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [...new Set([current, 'UTC', browserZone, ...supported])]
}
