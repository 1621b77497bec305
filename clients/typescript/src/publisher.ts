/**
 * The publisher: publish() never blocks, throws or rejects; batches leave in the background to the
 * ingest service (POST /api/v1/events), retried with backoff and Retry-After, bounded in memory,
 * and flushed when the process is about to exit ('beforeExit').
 */
import type { UsageEvent } from './events.js'

export interface PublisherOptions {
  /** Default: TOKENMETER_INGEST_URL. */
  ingestUrl?: string
  /** Default: TOKENMETER_INGEST_KEY. */
  ingestKey?: string
  /** Events held while ingest is slow or down; when full the OLDEST is dropped (stats().dropped). Default 10 000. */
  maxQueue?: number
  /** Events per request, 1-1000 (the endpoint's limit). Default 500. */
  maxBatch?: number
  /** A queued event waits at most this long before it is sent. Default 1000 ms. */
  flushIntervalMs?: number
  /** Per request. Default 10 000 ms. */
  timeoutMs?: number
  /** A batch is retried this long, then given up (stats().failed). Default 120 000 ms. */
  deliveryTimeoutMs?: number
  minBackoffMs?: number
  maxBackoffMs?: number
  /** How long the flush at exit may keep the process alive. Default 5000 ms. */
  shutdownTimeoutMs?: number
  /** Where warnings go. Default console. */
  logger?: Pick<Console, 'warn'>
}

export interface PublisherStats {
  published: number
  delivered: number
  dropped: number
  failed: number
  invalid: number
  queued: number
}

interface Answer {
  accepted: boolean
  retry: boolean
  reason: string
  retryAfterMs?: number
  errors?: { index: number; id?: string; reason: string }[]
}

type Settings = Required<Omit<PublisherOptions, 'ingestUrl' | 'ingestKey'>>

export class Publisher {
  readonly #url: string
  readonly #key: string
  readonly #options: Settings
  readonly #queue: UsageEvent[] = []
  readonly #counts = { published: 0, delivered: 0, dropped: 0, failed: 0, invalid: 0 }
  #inFlight = 0
  #pumping: Promise<void> | null = null
  #closed = false
  readonly #timer: NodeJS.Timeout
  readonly #onExit = () => { void this.close() }

  constructor(options: PublisherOptions = {}) {
    const url = options.ingestUrl ?? process.env.TOKENMETER_INGEST_URL
    const key = options.ingestKey ?? process.env.TOKENMETER_INGEST_KEY
    if (!url || !key) throw new Error('give ingestUrl and ingestKey, or set TOKENMETER_INGEST_URL and TOKENMETER_INGEST_KEY')
    this.#url = url.replace(/\/+$/, '') + '/api/v1/events'
    this.#key = key
    this.#options = {
      maxQueue: 10_000, maxBatch: 500, flushIntervalMs: 1000, timeoutMs: 10_000, deliveryTimeoutMs: 120_000,
      minBackoffMs: 200, maxBackoffMs: 10_000, shutdownTimeoutMs: 5000, logger: console,
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    } as Settings
    if (!(this.#options.maxBatch >= 1 && this.#options.maxBatch <= 1000)) throw new RangeError('maxBatch must be 1-1000')
    if (!(this.#options.maxQueue >= 1)) throw new RangeError('maxQueue must be at least 1')
    this.#timer = setInterval(() => this.#pump(), this.#options.flushIntervalMs).unref()
    process.once('beforeExit', this.#onExit)
  }

  /** Queues the event; never throws. */
  publish(event: UsageEvent): void {
    try {
      if (this.#closed) {
        this.#counts.failed++
        this.#options.logger.warn(`tokenmeter: publisher closed, usage event ${event?.id} not sent`)
        return
      }
      if (this.#queue.length >= this.#options.maxQueue) {
        this.#queue.shift()
        this.#counts.dropped++
      }
      this.#queue.push(structuredClone(event))
      this.#counts.published++
      if (this.#queue.length >= this.#options.maxBatch) this.#pump()
    } catch (error) {
      this.#options.logger.warn('tokenmeter: could not queue a usage event', error)
    }
  }

  /** Sends what is queued; true when all of it was delivered (or given up) within timeoutMs. Never rejects. */
  async flush(timeoutMs?: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const deadline = timeoutMs === undefined ? null
      : new Promise<false>(resolve => { timer = setTimeout(() => resolve(false), timeoutMs) })
    const drained = (async () => {
      while (this.#queue.length > 0 || this.#inFlight > 0) {
        await (this.#pump() ?? Promise.resolve())
      }
      return true as const
    })()
    try {
      return await (deadline ? Promise.race([drained, deadline]) : drained)
    } finally {
      clearTimeout(timer)
    }
  }

  /** Flushes (at most shutdownTimeoutMs unless given) and stops; later publish() calls are counted as failed. */
  async close(timeoutMs?: number): Promise<boolean> {
    process.removeListener('beforeExit', this.#onExit)
    clearInterval(this.#timer)
    if (this.#closed) return this.#queue.length === 0 && this.#inFlight === 0
    const done = await this.flush(timeoutMs ?? this.#options.shutdownTimeoutMs)
    this.#closed = true
    if (!done) this.#options.logger.warn(`tokenmeter: ${this.#queue.length + this.#inFlight} usage event(s) not delivered at close`)
    return done
  }

  stats(): PublisherStats {
    return { ...this.#counts, queued: this.#queue.length + this.#inFlight }
  }

  /** Starts sending unless already sending; answers the run in progress. */
  #pump(): Promise<void> | null {
    if (this.#pumping || this.#queue.length === 0) return this.#pumping
    this.#pumping = (async () => {
      try {
        while (this.#queue.length > 0) {
          const batch = this.#queue.splice(0, this.#options.maxBatch)
          this.#inFlight = batch.length
          try {
            await this.#deliver(batch)
          } catch (error) {
            this.#options.logger.warn(`tokenmeter: unexpected error sending ${batch.length} usage event(s)`, error)
            this.#done(batch.length, 0, batch.length)
          }
        }
      } finally {
        this.#pumping = null
      }
    })()
    return this.#pumping
  }

  async #deliver(batch: UsageEvent[]): Promise<void> {
    const body = JSON.stringify(batch)
    const started = Date.now()
    for (let attempt = 1; ; attempt++) {
      const answer = await this.#post(body)
      if (answer.accepted) {
        for (const error of answer.errors ?? []) {
          this.#options.logger.warn(`tokenmeter: usage event ${error.id} refused: ${error.reason}`)
        }
        this.#done(batch.length, answer.errors?.length ?? 0, 0)
        return
      }
      const cap = Math.min(this.#options.maxBackoffMs, this.#options.minBackoffMs * 2 ** (attempt - 1))
      const delay = Math.max(cap / 2 + Math.random() * cap / 2, answer.retryAfterMs ?? 0)
      if (!answer.retry || this.#closed || Date.now() - started + delay > this.#options.deliveryTimeoutMs) {
        this.#options.logger.warn(`tokenmeter: ${batch.length} usage event(s) not accepted after ${attempt} attempt(s): ${answer.reason}`)
        this.#done(batch.length, 0, batch.length)
        return
      }
      await new Promise(resolve => setTimeout(resolve, delay).unref())
    }
  }

  async #post(body: string): Promise<Answer> {
    try {
      const response = await fetch(this.#url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.#key}`, 'Content-Type': 'application/json', 'User-Agent': 'tokenmeter-node/0.1.0' },
        body,
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      })
      const answer: any = await response.json().catch(() => ({}))
      if (response.ok) return { accepted: true, retry: false, reason: '' }
      if (response.status === 400 && Array.isArray(answer.errors)) {
        return { accepted: true, retry: false, reason: 'invalid items', errors: answer.errors }
      }
      const reason = `${response.status} ${answer.detail ?? ''}`.trim()
      const retry = response.status === 408 || response.status === 429 || response.status >= 500
      return { accepted: false, retry, reason, retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) }
    } catch (error) {
      return { accepted: false, retry: true, reason: String((error as any)?.cause ?? error) } // refused, reset, timed out
    }
  }

  #done(size: number, invalid: number, failed: number): void {
    this.#counts.delivered += size - invalid - failed
    this.#counts.invalid += invalid
    this.#counts.failed += failed
    this.#inFlight = 0
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}
