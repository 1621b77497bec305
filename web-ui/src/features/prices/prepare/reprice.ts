/** The re-price form's range (UTC dates, as the API reads `YYYY-MM-DD`) and a job's progress as the page shows it. */
import { formatInteger } from '@/lib/format'
import type { Job, UnpricedModel } from '@/types/models'

/** The API's longest job. */
export const MAX_REPRICE_DAYS = 400

const DAY = 86_400_000

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** From the first day an unpriced event was seen up to and including today: what a new price should reach. */
export function defaultRepriceRange(unpriced: readonly UnpricedModel[], now: number): { from: string; to: string } {
  const first = unpriced.reduce((min, m) => Math.min(min, Date.parse(m.firstSeen)), now)
  return { from: utcDate(first), to: utcDate(now + DAY) }
}

/** The body of `POST /prices/reprice`, or why the range cannot be sent. */
export function validateRepriceRange(
  from: string,
  to: string,
): { range: { from: string; to: string }; error: null } | { range: null; error: string } {
  const start = Date.parse(`${from}T00:00:00Z`)
  const end = Date.parse(`${to}T00:00:00Z`)
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return { range: null, error: 'Give both dates.' }
  }
  if (end <= start) {
    return { range: null, error: 'The end must be after the start.' }
  }
  if ((end - start) / DAY > MAX_REPRICE_DAYS) {
    return { range: null, error: `A job re-prices at most ${MAX_REPRICE_DAYS} days; split the range.` }
  }
  return { range: { from, to }, error: null }
}

export interface JobView {
  /** 0 to 100, for the progress bar. */
  percent: number
  label: string
  finished: boolean
  failed: boolean
}

export function jobView(job: Job): JobView {
  const percent = Math.round(Math.min(1, Math.max(0, job.state === 'done' ? 1 : job.progress)) * 100)
  switch (job.state) {
    case 'queued':
      return { percent: 0, label: 'Queued…', finished: false, failed: false }
    case 'running':
      return {
        percent,
        label: `Re-pricing: ${formatInteger(job.daysDone)} of ${formatInteger(job.daysTotal)} days, ${formatInteger(job.eventsDone)} of ${formatInteger(job.eventsTotal)} events`,
        finished: false,
        failed: false,
      }
    case 'done':
      return {
        percent,
        label: `Done: ${formatInteger(job.eventsDone)} events examined, ${formatInteger(job.eventsRepriced)} re-priced`,
        finished: true,
        failed: false,
      }
    case 'failed':
      return { percent, label: `Failed: ${job.error ?? 'no reason given'}`, finished: true, failed: true }
  }
}
