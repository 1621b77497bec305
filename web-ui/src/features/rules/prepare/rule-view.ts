/**
 * What the Rules page says about a rule: its settings in a sentence, its state from its notices, and
 * the answers of dry run, evaluate now and test send. Pure, so the words are unit-tested and the
 * components only draw them.
 */
import { formatDateTime, formatShortDateTime, formatUsd } from '@/lib/format'
import { firingOf, formatMeasure, measureWords, noticeTitle } from '@/lib/notices'
import { evaluatedText } from '@/lib/previews'
import type { AnyRule, Notice, NoticeDryRun, NoticePreview, RuleEvaluateResult } from '@/types/rules'

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** "Error rate above 5.0% over 15m; resolves at or below 3.0% after 2 evaluations". */
export function settingsText(rule: AnyRule): string {
  if (rule.kind === 'usage') {
    const threshold = formatMeasure(rule.measure, rule.threshold)
    const clear =
      rule.clearThreshold === rule.threshold && rule.clearAfter === 1
        ? ''
        : `; resolves ${rule.comparison === 'below' ? 'at or above' : 'at or below'} ${formatMeasure(rule.measure, rule.clearThreshold)}${
            rule.clearAfter > 1 ? ` after ${rule.clearAfter} evaluations` : ''
          }`
    return `${cap(measureWords(rule.measure))} ${rule.comparison} ${threshold} over ${rule.window}${clear}`
  }
  if (rule.kind === 'anomaly') {
    return `${rule.granularity === 'hour' ? 'This hour’s' : 'Today’s'} spend (${rule.tz}) above mean + ${rule.k} × spread of the same time in the last 4 weeks, and at least ${formatUsd(rule.minSpendUsd)}`
  }
  const when = rule.cadence === 'weekly' ? `Weekly on ${cap(rule.day ?? 'monday')}` : 'Daily'
  return `${when} at ${rule.at} ${rule.tz}; top ${rule.topMovers} movers`
}

export interface RuleState {
  label: string
  tone: 'good' | 'bad' | 'warn' | ''
  detail: string
  /** The newest notice, if any. */
  last: Notice | null
}

/** Firing or OK for a usage rule (from its newest fired/resolved notice), else watching or scheduled; paused when disabled. */
export function ruleState(rule: AnyRule, notices: Notice[], zone: string): RuleState {
  const last = notices[0] ?? null
  const lastText = last ? `Last notice ${formatShortDateTime(last.raisedAt, zone)}: ${noticeTitle(last.notice)}` : 'No notice yet'
  if (rule.kind === 'usage') {
    const firing = firingOf(notices)
    if (!rule.enabled) return { label: firing ? 'Paused (was firing)' : 'Paused', tone: firing ? 'warn' : '', detail: lastText, last }
    return firing ? { label: 'Firing', tone: 'bad', detail: lastText, last } : { label: 'OK', tone: 'good', detail: lastText, last }
  }
  if (!rule.enabled) return { label: 'Paused', tone: '', detail: lastText, last }
  return { label: rule.kind === 'anomaly' ? 'Watching' : 'Scheduled', tone: '', detail: lastText, last }
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

export interface StatusItem {
  label: string
  value: string
}

/** The figures an evaluation looked at, kind by kind (the API's `status`). */
export function statusItems(rule: AnyRule, status: Record<string, unknown>, zone: string): StatusItem[] {
  const at = (v: unknown) => (str(v) ? formatDateTime(str(v)!, zone) : '—')
  if (rule.kind === 'usage') {
    return [
      { label: 'Window', value: `${at(status.windowFrom)} – ${at(status.windowTo)}` },
      { label: cap(measureWords(rule.measure)), value: formatMeasure(rule.measure, num(status.value)) },
      { label: 'State before', value: status.firing === true ? 'firing' : 'ok' },
      {
        label: 'Evaluating now',
        value: status.transition === 'fire' ? 'fires' : status.transition === 'resolve' ? 'resolves' : 'changes nothing',
      },
    ]
  }
  if (rule.kind === 'anomaly') {
    const expected = status.expected as { mean: number; spread: number; low: number; high: number } | null
    const baseline = Array.isArray(status.baselineUsd) ? (status.baselineUsd as number[]) : []
    return [
      { label: 'Spent so far', value: `${formatUsd(num(status.spentUsd) ?? 0)} since ${at(status.periodStart)}` },
      {
        label: 'Expected',
        value: expected
          ? `${formatUsd(expected.low)} – ${formatUsd(expected.high)} (mean ${formatUsd(expected.mean)}, spread ${formatUsd(expected.spread)})`
          : 'no baseline yet: fewer than 2 of the last 4 weeks had spend',
      },
      { label: 'Same time, 1–4 weeks before', value: baseline.map(formatUsd).join(', ') || '—' },
      { label: 'Anomalous', value: status.anomalous === true ? 'yes' : 'no' },
    ]
  }
  return [
    { label: 'Scheduled at', value: at(status.scheduledAt) },
    { label: 'Covers', value: `${at(status.from)} – ${at(status.to)}` },
    {
      label: 'Due now',
      value: status.due === true ? 'yes' : 'no (sent only within 6 h after its time, never for a time before it was created)',
    },
  ]
}

/** An email preview's body is the email as JSON; a webhook's is the body as sent. */
export interface EmailParts {
  subject: string
  text: string
  html: string
}

export function emailParts(preview: NoticePreview): EmailParts | null {
  if (preview.format !== 'email') return null
  try {
    const parsed = JSON.parse(preview.body) as Partial<EmailParts>
    return { subject: parsed.subject ?? '', text: parsed.text ?? '', html: parsed.html ?? '' }
  } catch {
    return null
  }
}

/** "finops@example.com, cto@example.com" for mailto:, else the URL. */
export function previewTarget(preview: NoticePreview): string {
  return preview.format === 'email'
    ? preview.url
        .replace(/^mailto:/, '')
        .split(',')
        .join(', ')
    : preview.url
}

/** The dry run's heading: what would be sent, or that nothing is due. */
export function dryRunTitle(dryRun: NoticeDryRun): string {
  if (!dryRun.wouldSend) return 'Nothing is due now: evaluating would send nothing.'
  const title = noticeTitle(dryRun.wouldSend.notice)
  return dryRun.alreadyRaised ? `Already raised, not sent again: ${title}` : `Would send: ${title}`
}

export function evaluateText(result: RuleEvaluateResult): string {
  return evaluatedText(result.raised, 'notice')
}
