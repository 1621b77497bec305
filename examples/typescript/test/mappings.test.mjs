// @ts-check
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  mapAnthropicMessage, mapGeminiGenerateContent, mapOpenAiChatCompletion, newEventId, usageEvent, mapOpenAiResponse,
} from 'tokenmeter'
import { CASES, MAPPERS, load } from '../fixtures.mjs'

describe('provider mappings on real response bodies', () => {
  for (const expected of CASES) {
    it(`maps ${expected.fixture} to the contract's fields`, () => {
      const call = MAPPERS[expected.mapper](load(expected.fixture))
      assert.deepEqual(call, {
        provider: expected.provider, endpoint: expected.endpoint, model: expected.model,
        responseId: expected.responseId, usage: expected.usage,
      })
    })
  }

  it('adds Anthropic cache reads and writes to input_tokens', () => {
    const body = load('anthropic-message-thinking.json')
    const { usage } = mapAnthropicMessage(body)
    const raw = body.usage
    assert.equal(usage.inputTokens, raw.input_tokens + raw.cache_read_input_tokens + raw.cache_creation_input_tokens)
    assert.equal(usage.cachedInputTokens, raw.cache_read_input_tokens)
    assert.equal(usage.cacheWriteTokens, raw.cache_creation_input_tokens)
  })

  it('counts Gemini thoughts as output, so the totals add up', () => {
    for (const name of ['gemini-thinking.json', 'gemini-cached.json', 'gemini-tool-use.json']) {
      const body = load(name)
      const { usage } = mapGeminiGenerateContent(body)
      assert.equal(usage.inputTokens + usage.outputTokens, body.usageMetadata.totalTokenCount, name)
    }
  })

  it('refuses a body without usage, with a hint for streams', () => {
    assert.throws(() => mapOpenAiChatCompletion({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [] }),
      /stream_options.include_usage/)
  })

  it('refuses a count that is not a non-negative integer', () => {
    assert.throws(() => mapAnthropicMessage({ usage: { input_tokens: '12', output_tokens: 3 } }), /input_tokens/)
  })
})

describe('events', () => {
  it('carry a ULID, a millisecond UTC time and the mapped usage', () => {
    const event = usageEvent('acme', mapOpenAiResponse(load('openai-response-cached-reasoning.json')),
      { project: 'support-bot', latencyMs: 812 })
    assert.match(event.id, /^[0-9A-HJKMNP-TV-Z]{26}$/)
    assert.match(event.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    assert.equal(event.usage.reasoningTokens, 896)
    assert.deepEqual([event.project, event.latencyMs, event.endpoint], ['support-bot', 812, 'responses'])
  })

  it('ids of one process increase', () => {
    const ids = Array.from({ length: 1000 }, () => newEventId())
    assert.deepEqual(ids, [...ids].sort())
    assert.equal(new Set(ids).size, ids.length)
  })
})
