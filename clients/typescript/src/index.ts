/**
 * Tokenmeter for Node services: meter every OpenAI call, no runtime dependencies.
 *
 *   import OpenAI from 'openai'
 *   import { wrap, withContext } from 'tokenmeter'
 *
 *   const openai = wrap(new OpenAI())   // TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY
 *   await withContext({ project: 'support-bot', user: 'u_42' }, () => openai.chat.completions.create({ ... }))
 */
export { currentContext, withContext, type CallContext } from './context.js'
export {
  mapAnthropicMessage, mapGeminiGenerateContent, mapOpenAiChatCompletion, mapOpenAiResponse, newEventId, usageEvent,
  type EventFields, type ProviderCall, type Usage, type UsageEvent,
} from './events.js'
export { Publisher, retryAfterMs, type PublisherOptions, type PublisherStats } from './publisher.js'
export { defaultPublisher, wrap, type WrapOptions } from './wrap.js'
