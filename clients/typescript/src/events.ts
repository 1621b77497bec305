/**
 * Provider responses mapped onto the usage event contract (API.md §1), and event ids.
 * inputTokens is every prompt token (cache reads and writes included), outputTokens every
 * generated token (reasoning included). Mapping tables with sources: examples/README.md.
 */
import { randomBytes } from 'node:crypto'

export interface Usage {
  inputTokens: number
  cachedInputTokens: number
  cacheWriteTokens: number
  outputTokens: number
  reasoningTokens: number
}

export interface ProviderCall {
  provider: string
  endpoint: string
  model: string | null
  responseId: string | null
  usage: Usage
}

/** A contract event (API.md §1). */
export interface UsageEvent {
  id: string
  tenant?: string
  time: string
  provider: string
  model?: string
  endpoint?: string
  project?: string
  apiKey?: string
  user?: string
  status?: 'success' | 'error' | 'timeout'
  error?: { type?: string; message?: string }
  latencyMs?: number
  usage: Usage
  costUsd?: number
  tags?: Record<string, string>
  [field: string]: unknown
}

export const NO_USAGE: Usage = Object.freeze({
  inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0,
})

type Json = Record<string, any>

function usageOf(response: any, field: string, what: string): Json {
  const usage = response?.[field]
  if (usage === null || typeof usage !== 'object' || Array.isArray(usage)) {
    throw new Error(`The body is not ${what} with a '${field}' object`)
  }
  return usage
}

/** A token count; absent or null is 0. */
function count(parent: any, field: string): number {
  const value = parent?.[field]
  if (value === undefined || value === null) return 0
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`'${field}' must be a non-negative integer, got ${JSON.stringify(value)}`)
  }
  return value
}

function text(response: any, field: string): string | null {
  const value = response?.[field]
  return typeof value === 'string' && value !== '' ? value : null
}

/** OpenAI Chat Completions: prompt_tokens includes cached_tokens, completion_tokens includes reasoning_tokens. */
export function mapOpenAiChatCompletion(response: unknown): ProviderCall {
  const usage = usageOf(response, 'usage', 'an OpenAI chat completion (streamed? set stream_options.include_usage)')
  return openAiCall(response, 'chat.completions', usage, 'prompt', 'completion')
}

/** OpenAI Responses: input_tokens includes cached_tokens, output_tokens includes reasoning_tokens. */
export function mapOpenAiResponse(response: unknown): ProviderCall {
  const usage = usageOf(response, 'usage', 'an OpenAI response')
  return openAiCall(response, 'responses', usage, 'input', 'output')
}

/** Both OpenAI APIs: `<input>_tokens` with `<input>_tokens_details.cached_tokens`, the same for output and reasoning. */
function openAiCall(response: unknown, endpoint: string, usage: Json, input: string, output: string): ProviderCall {
  return {
    provider: 'openai', endpoint, model: text(response, 'model'), responseId: text(response, 'id'),
    usage: {
      inputTokens: count(usage, `${input}_tokens`),
      cachedInputTokens: count(usage[`${input}_tokens_details`], 'cached_tokens'),
      cacheWriteTokens: 0,
      outputTokens: count(usage, `${output}_tokens`),
      reasoningTokens: count(usage[`${output}_tokens_details`], 'reasoning_tokens'),
    },
  }
}

/** Anthropic Messages: input_tokens EXCLUDES cache reads and writes, so they are added back. */
export function mapAnthropicMessage(response: unknown): ProviderCall {
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

/** Gemini: promptTokenCount includes cached content; candidatesTokenCount EXCLUDES thoughts (billed as output). */
export function mapGeminiGenerateContent(response: unknown): ProviderCall {
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
export function newEventId(): string {
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

/** What a caller may set on the event of a call: the contract's optional fields, and its id and time. */
export interface EventFields
  extends Pick<UsageEvent, 'model' | 'project' | 'apiKey' | 'user' | 'status' | 'error' | 'latencyMs' | 'costUsd' | 'tags'> {
  id?: string
  time?: Date
}

/** A contract event for one call; tenant undefined lets the ingest key fill it in. */
export function usageEvent(tenant: string | undefined, call: ProviderCall, fields: EventFields = {}): UsageEvent {
  const { id, time, model, ...rest } = fields
  const event: UsageEvent = {
    id: id ?? newEventId(),
    time: (time ?? new Date()).toISOString(),
    provider: call.provider,
    endpoint: call.endpoint,
    usage: call.usage,
  }
  if (tenant !== undefined) event.tenant = tenant
  const name = model ?? call.model
  if (name) event.model = name
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && value !== null) event[key] = value
  }
  return event
}
