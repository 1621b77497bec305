/**
 * A deterministic demo tenant for tests: providers, models, projects and keys like the local
 * stack's demo data, a working-hours rhythm, failures, missing latencies and unpriced calls.
 */
import type { Status, UsageEvent } from '@/types/models'

function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Model {
  provider: string
  model: string
  /** USD per million input / output tokens; null when the price list does not know the model. */
  price: [number, number] | null
}

const MODELS: Model[] = [
  { provider: 'openai', model: 'gpt-4o-mini', price: [0.15, 0.6] },
  { provider: 'openai', model: 'gpt-4.1', price: [2, 8] },
  { provider: 'openai', model: 'gpt-5-mini', price: [0.25, 2] },
  { provider: 'openai', model: 'text-embedding-3-small', price: [0.02, 0] },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', price: [3, 15] },
  { provider: 'anthropic', model: 'claude-haiku-4-5', price: [1, 5] },
  { provider: 'google', model: 'gemini-2.5-flash', price: [0.3, 2.5] },
  { provider: 'google', model: 'gemini-2.5-pro', price: [1.25, 10] },
  { provider: 'mistral', model: 'mistral-large-latest', price: null },
]

interface Project {
  name: string | null
  weight: number
  endpoint: string
  models: number[]
  keys: string[]
  input: number
  output: number
}

const PROJECTS: Project[] = [
  {
    name: 'support-bot',
    weight: 34,
    endpoint: 'chat.completions',
    models: [0, 5, 0, 6],
    keys: ['support-bot-web', 'support-bot-mobile', 'support-bot-email'],
    input: 1800,
    output: 220,
  },
  {
    name: 'internal-copilot',
    weight: 18,
    endpoint: 'responses',
    models: [2, 4, 1],
    keys: ['copilot-ide', 'copilot-chat'],
    input: 2600,
    output: 450,
  },
  {
    name: 'sales-assistant',
    weight: 10,
    endpoint: 'responses',
    models: [1, 4, 6],
    keys: ['sales-crm', 'sales-email-drafts'],
    input: 1400,
    output: 320,
  },
  { name: 'code-review', weight: 9, endpoint: 'responses', models: [4, 4, 7], keys: ['code-review-github'], input: 9000, output: 700 },
  {
    name: 'doc-summarizer',
    weight: 12,
    endpoint: 'chat.completions',
    models: [6, 7, 8],
    keys: ['docs-web', 'docs-api'],
    input: 6000,
    output: 400,
  },
  { name: 'search-indexer', weight: 13, endpoint: 'embeddings', models: [3], keys: ['indexer-nightly'], input: 700, output: 0 },
  { name: null, weight: 4, endpoint: 'chat.completions', models: [0, 8], keys: ['scratch'], input: 900, output: 150 },
]

const ERRORS: { type: string; message: string; status: Status }[] = [
  { type: 'rate_limit', message: '429 Too Many Requests from upstream', status: 'error' },
  { type: 'server_error', message: '502 Bad Gateway: the upstream provider closed the connection', status: 'error' },
  { type: 'context_length', message: "This model's maximum context length is 128000 tokens", status: 'error' },
  { type: 'timeout', message: 'No response within 60 s', status: 'timeout' },
]

function pick<T>(items: readonly T[], r: () => number): T {
  return items[Math.floor(r() * items.length)]!
}

function pickWeighted(r: () => number): Project {
  const total = PROJECTS.reduce((s, p) => s + p.weight, 0)
  let x = r() * total
  for (const p of PROJECTS) {
    x -= p.weight
    if (x < 0) return p
  }
  return PROJECTS[0]!
}

/** The demo's built-in prices (USD per 1M input and output tokens), as the fake API's catalog. */
export const DEMO_PRICES: readonly { provider: string; model: string; input: number; output: number }[] = MODELS.flatMap((m) =>
  m.price ? [{ provider: m.provider, model: m.model, input: m.price[0], output: m.price[1] }] : [],
)

export interface DemoOptions {
  /** The newest event is just before this instant. */
  now: number
  days: number
  /** Average events per day. */
  perDay: number
  seed?: number
  tenant?: string
}

/** Events from `days` days before `now` up to `now`, newest last. */
export function demoEvents({ now, days, perDay, seed = 42, tenant = 'demo' }: DemoOptions): UsageEvent[] {
  const r = random(seed)
  const events: UsageEvent[] = []
  const start = now - days * 86_400_000
  const hours = days * 24
  for (let h = 0; h < hours; h++) {
    const hourStart = start + h * 3_600_000
    const hourOfDay = new Date(hourStart).getUTCHours()
    const busy = hourOfDay >= 7 && hourOfDay < 19 ? 1.6 : 0.45
    const count = Math.round((perDay / 24) * busy * (0.6 + r() * 0.8))
    for (let i = 0; i < count; i++) {
      const time = hourStart + Math.floor(r() * 3_600_000)
      if (time >= now) continue
      const project = pickWeighted(r)
      const model = MODELS[pick(project.models, r)]!
      const roll = r()
      const failure = roll < 0.035 ? pick(ERRORS.slice(0, 3), r) : roll < 0.05 ? ERRORS[3]! : null
      const status: Status = failure ? failure.status : 'success'
      const input = Math.round(project.input * (0.3 + r() * 1.4))
      const cached = r() < 0.4 ? Math.round(input * r() * 0.8) : 0
      const output = status === 'success' ? Math.round(project.output * (0.2 + r() * 1.6)) : 0
      const reasoning = model.model.startsWith('gpt-5') ? Math.round(output * 0.3) : 0
      const latency = r() < 0.04 ? null : Math.round((status === 'timeout' ? 60_000 : 250 + output * 4 + input / 20) * (0.7 + r() * 0.6))
      const cost = model.price ? round6((input * model.price[0] + output * model.price[1]) / 1_000_000) : 0
      const id = `evt_${String(events.length + 1).padStart(6, '0')}`
      events.push({
        id,
        tenant,
        time: new Date(time).toISOString(),
        provider: model.provider,
        model: model.model,
        endpoint: project.endpoint,
        project: project.name,
        apiKey: r() < 0.02 ? null : pick(project.keys, r),
        user: project.name === 'support-bot' ? `u_${Math.floor(r() * 400)}` : null,
        status,
        serviceTier: 'standard',
        error: failure ? { type: failure.type, message: failure.message } : null,
        latencyMs: latency,
        usage: { inputTokens: input, cachedInputTokens: cached, cacheWriteTokens: 0, outputTokens: output, reasoningTokens: reasoning },
        totalTokens: input + output,
        costUsd: cost,
        priced: model.price !== null,
        costSource: model.price ? 'computed' : 'unpriced',
        priceRef: model.price ? `default:${model.provider}/${model.model}` : null,
        tags: { env: project.keys[0]?.includes('staging') ? 'staging' : 'prod' },
      })
    }
  }
  return events.sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id))
}

export function round6(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000
}
