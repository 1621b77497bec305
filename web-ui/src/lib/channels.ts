/**
 * Alert channels as a form holds them, for the budget and rule forms (with components/ChannelsEditor): checked as the API checks
 * BudgetChannelRequest — a webhook with an http(s) URL and, for json, a 16-256 character secret; an
 * email channel with 1-20 addresses — and turned into request bodies.
 */
import type { BudgetChannel, BudgetChannelRequest } from '@/types/models'

export const MAX_CHANNELS = 10
export const MAX_RECIPIENTS = 20
/** The API's own check of an address (ChannelRequest.EMAIL), without the length limits it adds. */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

export interface ChannelValues {
  /** An existing channel (edit): without a new secret it keeps its own. */
  id?: string
  kind: 'webhook' | 'email'
  /** An email channel's addresses as typed: "a@example.com, b@example.com". */
  recipients: string
  url: string
  format: 'json' | 'slack'
  secret: string
  hasSecret: boolean
}

export function newChannel(kind: ChannelValues['kind']): ChannelValues {
  return { kind, recipients: '', url: '', format: 'json', secret: '', hasSecret: false }
}

export function channelValues(c: BudgetChannel): ChannelValues {
  return c.type === 'email'
    ? { id: c.id, kind: 'email', recipients: (c.recipients ?? []).join(', '), url: '', format: 'json', secret: '', hasSecret: false }
    : {
        id: c.id,
        kind: 'webhook',
        recipients: '',
        url: c.url ?? '',
        format: c.format === 'slack' ? 'slack' : 'json',
        secret: '',
        hasSecret: c.hasSecret,
      }
}

/** "a@example.com, b@example.com; c@example.com" → the addresses. */
export function parseRecipients(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))]
}

/** What is wrong with the channel, or null. */
export function checkChannel(channel: ChannelValues): string | null {
  if (channel.kind === 'email') {
    const recipients = parseRecipients(channel.recipients)
    if (recipients.length === 0 || recipients.length > MAX_RECIPIENTS) {
      return `Give 1 to ${MAX_RECIPIENTS} email addresses, e.g. finops@example.com`
    }
    const bad = recipients.find((r) => r.length > 254 || !EMAIL.test(r))
    return bad === undefined ? null : `"${bad}" is not an email address such as finops@example.com`
  }
  let url: URL | null = null
  try {
    url = new URL(channel.url.trim())
  } catch {
    url = null
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username) {
    return 'An http or https URL, e.g. https://hooks.example.com/alerts'
  }
  const secret = channel.secret
  if (secret && (secret.length < 16 || secret.length > 256)) {
    return 'The secret must be 16 to 256 characters'
  }
  if (!secret && !channel.hasSecret && channel.format === 'json') {
    return 'A json webhook needs a secret (16+ characters): it signs every delivery'
  }
  return null
}

export function channelRequest(c: ChannelValues): BudgetChannelRequest {
  const id = c.id ? { id: c.id } : {}
  if (c.kind === 'email') {
    return { ...id, type: 'email', recipients: parseRecipients(c.recipients) }
  }
  return { ...id, url: c.url.trim(), format: c.format, ...(c.secret ? { secret: c.secret } : {}) }
}

/** A channel as a person recognises it: its recipients, or its format and URL. */
export function channelLabel(channel: Pick<BudgetChannel, 'type' | 'url' | 'format' | 'recipients'>): string {
  if (channel.type === 'email') {
    return `Email to ${(channel.recipients ?? []).join(', ')}`
  }
  return `${channel.format === 'slack' ? 'Slack' : 'JSON'} webhook ${channel.url ?? ''}`.trim()
}

/** The label of a source's channel by its id, as the channel's own id where the source no longer has it. */
export function channelLabels(channels: BudgetChannel[]): (id: string) => string {
  const labels = new Map(channels.map((c) => [c.id, channelLabel(c)]))
  return (id) => labels.get(id) ?? id
}

/** "2 webhooks, 1 email" or "no channel". */
export function channelSummary(channels: BudgetChannel[]): string {
  const emails = channels.filter((c) => c.type === 'email').length
  const hooks = channels.length - emails
  if (channels.length === 0) return 'no channel'
  return [hooks ? `${hooks} webhook${hooks > 1 ? 's' : ''}` : '', emails ? `${emails} email${emails > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(', ')
}
