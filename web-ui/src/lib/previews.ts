/**
 * The answers of dry run, evaluate now and send test, shared by budgets and rules (their endpoints
 * answer the same shapes): pure, so the components only draw them.
 */
import type { TestSend } from '@/types/models'

/** One line per preview header, in the order the service gave. */
export function headerLines(preview: { headers: Record<string, string> }): string[] {
  return Object.entries(preview.headers).map(([name, value]) => `${name}: ${value}`)
}

/** "Evaluated now: raised 2 alerts; …", `noun` being what the source raises (alert, notice). */
export function evaluatedText(raised: number, noun: string): string {
  if (raised === 0) return 'Evaluated now: nothing new to raise.'
  return `Evaluated now: raised ${raised} ${noun}${raised === 1 ? '' : 's'}; their deliveries are on the Alerts page.`
}

/** What the receiver of a test message said. */
export function testSendText(result: TestSend): string {
  const code = result.statusCode === null ? '' : ` (${result.format === 'email' ? 'SMTP' : 'HTTP'} ${result.statusCode})`
  if (result.delivered) return `Test delivered${code}, delivery ${result.deliveryId}.`
  return `Test not delivered${code}: ${result.error ?? 'the receiver refused it'}.`
}
