/**
 * Calendar arithmetic in an IANA zone with nothing but `Intl`, for the fake API that tests run
 * against: local midnights, bucket boundaries and RFC 3339 strings with the zone's offset.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsCache.set(zone, f)
  }
  return f
}

export interface LocalTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

export function localParts(instant: number, zone: string): LocalTime {
  const parts = formatter(zone).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
export function offsetAt(instant: number, zone: string): number {
  const p = localParts(instant, zone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return asUtc - Math.floor(instant / 1000) * 1000
}

/** The instant of a local wall-clock time (the later offset wins in a gap or overlap, like java.time). */
export function zonedInstant(year: number, month: number, day: number, zone: string, hour = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour)
  let guess = wall - offsetAt(wall, zone)
  guess = wall - offsetAt(guess, zone)
  return guess
}

/** Local midnight of a YYYY-MM-DD date. */
export function midnightOf(date: string, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return zonedInstant(y, m, d, zone)
}

/** Local midnight of the day containing `instant`, `plusDays` days later. */
export function startOfDay(instant: number, zone: string, plusDays = 0): number {
  const p = localParts(instant, zone)
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + plusDays))
  return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), zone)
}

export function startOfMonth(instant: number, zone: string, plusMonths = 0): number {
  const p = localParts(instant, zone)
  const d = new Date(Date.UTC(p.year, p.month - 1 + plusMonths, 1))
  return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, zone)
}

/** Monday (ISO week start) of the week containing `instant`. */
export function startOfWeek(instant: number, zone: string): number {
  const p = localParts(instant, zone)
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7
  return startOfDay(instant, zone, -weekday)
}

/** RFC 3339 with the offset the zone has at that instant: 2026-11-01T00:00:00-04:00. */
export function formatZoned(instant: number, zone: string): string {
  const offset = offsetAt(instant, zone)
  const p = localParts(instant, zone)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset) / 60_000
  const zoneText = offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${zoneText}`
}
