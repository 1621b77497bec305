// @ts-check
/**
 * A minimal Tokenmeter publisher for Node 20+: built-ins only (fetch, crypto).
 *
 * Maps provider responses onto the usage event contract (API.md §1) and sends events to the ingest
 * service's HTTP endpoint (POST /api/v1/events) in batches, retrying what may be retried. Plain
 * ES module with JSDoc types: TypeScript projects import it as is (allowJs/checkJs), no build step.
 *
 *   const publisher = new UsagePublisher({ ingestUrl: 'http://ingest:8081', ingestKey })
 *   await publisher.publish(usageEvent('acme', mapOpenAiChatCompletion(response), { project: 'support-bot' }))
 *   await publisher.close() // sends what is left
 *
 * inputTokens is every prompt token (cache reads and writes included), outputTokens every
 * generated token (reasoning included).
 */
import { randomBytes } from 'node:crypto'

/**
 * @typedef {{ inputTokens: number, cachedInputTokens: number, cacheWriteTokens: number,
 *             outputTokens: number, reasoningTokens: number }} Usage
 * @typedef {{ provider: string, endpoint: string, model: string | null, responseId: string | null,
 *             usage: Usage }} ProviderCall
 * @typedef {Record<string, any>} UsageEvent a contract event (API.md §1)
 * @typedef {{ index: number, id?: string, reason: string,
 *             violations: { field: string, reason: string, message: string }[] }} ItemError
 */

/** @param {any} response @param {string} field @param {string} what @returns {Record<string, any>} */
function usageOf(response, field, what) {
  const usage = response?.[field]
  if (usage === null || typeof usage !== 'object' || Array.isArray(usage)) {
    throw new Error(`The body is not ${what} with a '${field}' object`)
  }
  return usage
}

/** A token count; absent or null is 0. @param {any} parent @param {string} field @returns {number} */
function count(parent, field) {
  const value = parent?.[field]
  if (value === undefined || value === null) return 0
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`'${field}' must be a non-negative integer, got ${JSON.stringify(value)}`)
  }
  return value
}

/** @param {any} response @param {string} field @returns {string | null} */
function text(response, field) {
  const value = response?.[field]
  return typeof value === 'string' && value !== '' ? value : null
}

/**
 * OpenAI Chat Completions: prompt_tokens includes cached_tokens, completion_tokens includes reasoning_tokens.
 * @param {any} response @returns {ProviderCall}
 */
export function mapOpenAiChatCompletion(response) {
  const usage = usageOf(response, 'usage', 'an OpenAI chat completion (streamed? set stream_options.include_usage)')
  return {
    provider: 'openai', endpoint: 'chat.completions', model: text(response, 'model'), responseId: text(response, 'id'),
    usage: {
      inputTokens: count(usage, 'prompt_tokens'),
      cachedInputTokens: count(usage.prompt_tokens_details, 'cached_tokens'),
      cacheWriteTokens: 0,
      outputTokens: count(usage, 'completion_tokens'),
      reasoningTokens: count(usage.completion_tokens_details, 'reasoning_tokens'),
    },
  }
}

/**
 * OpenAI Responses: input_tokens includes cached_tokens, output_tokens includes reasoning_tokens.
 * @param {any} response @returns {ProviderCall}
 */
export function mapOpenAiResponse(response) {
  const usage = usageOf(response, 'usage', 'an OpenAI response')
  return {
    provider: 'openai', endpoint: 'responses', model: text(response, 'model'), responseId: text(response, 'id'),
    usage: {
      inputTokens: count(usage, 'input_tokens'),
      cachedInputTokens: count(usage.input_tokens_details, 'cached_tokens'),
      cacheWriteTokens: 0,
      outputTokens: count(usage, 'output_tokens'),
      reasoningTokens: count(usage.output_tokens_details, 'reasoning_tokens'),
    },
  }
}

/**
 * Anthropic Messages: input_tokens EXCLUDES cache reads and writes, so they are added back.
 * @param {any} response @returns {ProviderCall}
 */
export function mapAnthropicMessage(response) {
  const usage = usageOf(response, 'usage', 'an Anthropic message')
  const cacheRead = count(usage, 'cache_read_input_tokens')
  const cacheWrite = count(usage, 'cache_creation_input_tokens')
  const output = count(usage, 'output_tokens')
  return {
    provider: 'anthropic', endpoint: 'messages', model: text(response, 'model'), responseId: text(response, 'id'),
    usage: {
      inputTokens: count(usage, 'input_tokens') + cacheRead + cacheWrite,
      cachedInputTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      outputTokens: output,
      reasoningTokens: Math.min(output, count(usage.output_tokens_details, 'thinking_tokens')),
    },
  }
}

/**
 * Gemini: promptTokenCount includes cached content; candidatesTokenCount EXCLUDES thoughts (billed as output).
 * @param {any} response @returns {ProviderCall}
 */
export function mapGeminiGenerateContent(response) {
  const usage = usageOf(response, 'usageMetadata', 'a Gemini generateContent response')
  const thoughts = count(usage, 'thoughtsTokenCount')
  return {
    provider: 'google', endpoint: 'generateContent', model: text(response, 'modelVersion'),
    responseId: text(response, 'responseId'),
    usage: {
      inputTokens: count(usage, 'promptTokenCount') + count(usage, 'toolUsePromptTokenCount'),
      cachedInputTokens: count(usage, 'cachedContentTokenCount'),
      cacheWriteTokens: 0,
      outputTokens: count(usage, 'candidatesTokenCount') + thoughts,
      reasoningTokens: thoughts,
    },
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
let lastMillis = -1
let lastRandom = 0n

/** A ULID: 48-bit millisecond time + 80 random bits, Crockford base32; increasing within a process. */
export function newEventId() {
  const millis = Math.max(Date.now(), lastMillis)
  lastRandom = millis === lastMillis
    ? (lastRandom + 1n) & ((1n << 80n) - 1n)
    : BigInt('0x' + randomBytes(10).toString('hex'))
  lastMillis = millis
  let value = (BigInt(millis) << 80n) | lastRandom
  let id = ''
  for (let i = 0; i < 26; i++) {
    id = CROCKFORD[Number(value & 31n)] + id
    value >>= 5n
  }
  return id
}

/**
 * A contract event for one call.
 * @param {string} tenant
 * @param {ProviderCall} call
 * @param {{ id?: string, time?: Date, model?: string, project?: string, apiKey?: string, user?: string,
 *           status?: 'success' | 'error' | 'timeout', error?: { type?: string, message?: string },
 *           latencyMs?: number, costUsd?: number, tags?: Record<string, string> }} [fields]
 * @returns {UsageEvent}
 */
export function usageEvent(tenant, call, fields = {}) {
  const { id, time, model, ...rest } = fields
  /** @type {UsageEvent} */
  const event = {
    id: id ?? newEventId(),
    tenant,
    time: (time ?? new Date()).toISOString(),
    provider: call.provider,
    model: model ?? call.model,
    endpoint: call.endpoint,
    usage: call.usage,
  }
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && value !== null) event[key] = value
  }
  return event
}

/** Events were not accepted (ingest unreachable or refusing); publishing them again is safe. */
export class PublishError extends Error {}

/** Ingest answered 400 for some events: `errors` names them (index, id, reason, violations, event). */
export class InvalidEventsError extends PublishError {
  /** @param {(ItemError & { event: UsageEvent })[]} errors @param {number} accepted */
  constructor(errors, accepted) {
    super(`${errors.length} event(s) invalid, ${accepted} accepted: ${JSON.stringify(errors.map(e => ({ id: e.id, reason: e.reason })))}`)
    this.errors = errors
    this.accepted = accepted
  }
}

/**
 * Batches events and POSTs them to the ingest service, retrying 5xx, 408, 429 and network errors
 * with exponential backoff. publish() queues; a batch leaves when it holds maxBatch events, on
 * flush() and on close(). A 400 with per-item errors is never retried: the valid events of the
 * batch are accepted and InvalidEventsError names the invalid ones.
 */
export class UsagePublisher {
  /**
   * @param {{ ingestUrl: string, ingestKey: string, maxBatch?: number, timeoutMs?: number,
   *           deliveryTimeoutMs?: number, minBackoffMs?: number, maxBackoffMs?: number }} options
   */
  constructor({ ingestUrl, ingestKey, maxBatch = 500, timeoutMs = 30_000, deliveryTimeoutMs = 120_000,
                minBackoffMs = 200, maxBackoffMs = 10_000 }) {
    if (!(maxBatch >= 1 && maxBatch <= 1000)) throw new RangeError('maxBatch must be 1-1000 (the endpoint\'s limit)')
    this.url = ingestUrl.replace(/\/+$/, '') + '/api/v1/events'
    this.key = ingestKey
    this.options = { maxBatch, timeoutMs, deliveryTimeoutMs, minBackoffMs, maxBackoffMs }
    /** @type {UsageEvent[]} */
    this.queue = []
    /** @type {Promise<void>} sends run one after another */
    this.sending = Promise.resolve()
  }

  /** Queues the event; sends a batch when maxBatch are queued. @param {UsageEvent} event */
  async publish(event) {
    this.queue.push(event)
    if (this.queue.length >= this.options.maxBatch) await this.flush()
  }

  /** Sends every queued event; rejects with PublishError or InvalidEventsError when some were not accepted. */
  flush() {
    const events = this.queue.splice(0)
    const run = this.sending.then(() => this.#sendAll(events))
    this.sending = run.catch(() => {})
    return run
  }

  close() {
    return this.flush()
  }

  /** @param {UsageEvent[]} events */
  async #sendAll(events) {
    /** @type {(ItemError & { event: UsageEvent })[]} */
    const rejected = []
    let accepted = 0
    for (let start = 0; start < events.length; start += this.options.maxBatch) {
      const batch = events.slice(start, start + this.options.maxBatch)
      const answer = await this.#send(batch)
      accepted += answer.accepted ?? 0
      for (const error of answer.errors ?? []) rejected.push({ ...error, event: batch[error.index] })
    }
    if (rejected.length > 0) throw new InvalidEventsError(rejected, accepted)
  }

  /** @param {UsageEvent[]} batch @returns {Promise<{ accepted?: number, errors?: ItemError[] }>} */
  async #send(batch) {
    const body = JSON.stringify(batch)
    const started = Date.now()
    for (let attempt = 1; ; attempt++) {
      let reason
      let retryAfterMs = 0
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${this.key}`, 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        })
        const answer = await response.json().catch(() => ({}))
        if (response.ok) return answer
        if (response.status === 400 && Array.isArray(answer.errors)) return answer // the valid events were accepted
        if (![408, 429].includes(response.status) && response.status < 500) {
          throw new PublishError(`ingest refused the events: ${response.status} ${answer.detail ?? ''}`)
        }
        reason = `${response.status} ${answer.detail ?? ''}`
        const header = response.headers.get('Retry-After')
        if (header && /^\d+$/.test(header)) retryAfterMs = Number(header) * 1000
      } catch (error) {
        if (error instanceof PublishError) throw error
        reason = String(/** @type {any} */ (error)?.cause ?? error) // refused, reset, timed out
      }
      const cap = Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** (attempt - 1))
      const delay = Math.max(cap / 2 + Math.random() * cap / 2, retryAfterMs)
      if (Date.now() - started + delay > this.options.deliveryTimeoutMs) {
        throw new PublishError(`not accepted within ${this.options.deliveryTimeoutMs} ms after ${attempt} attempt(s): ${reason}`)
      }
      await new Promise(resolve => setTimeout(resolve, delay))
    }
  }
}
