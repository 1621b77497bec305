// wrap() on the real `openai` client pointed at a local server that answers like the OpenAI API.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import OpenAI from 'openai'
import { wrap, withContext } from '../dist/index.js'
import { expected, fixture, openAiStub, recording } from './helpers.mjs'

const stream = fixture('streams/openai-chat-completion-stream.json')
let api
before(async () => { api = await openAiStub() })
after(() => api.close())

const client = (published, options = {}) =>
  wrap(new OpenAI({ baseURL: api.url + '/v1', apiKey: 'sk-test', maxRetries: 0, ...options }), { publisher: published })

test('a chat completion is recorded with its mapped usage and the APIPromise stays intact', async () => {
  const published = recording()
  api.script.push({ json: fixture('openai-chat-completion-reasoning.json') })
  const { data, response } = await client(published).chat.completions
    .create({ model: 'o4-mini', messages: [{ role: 'user', content: 'hi' }] }).withResponse()
  assert.equal(data.id, expected['openai-chat-completion-reasoning.json'].responseId)
  assert.equal(response.headers.get('x-request-id'), 'req_stub')
  await new Promise(resolve => setImmediate(resolve))
  const [event] = published.events
  assert.deepEqual(event.usage, expected['openai-chat-completion-reasoning.json'].usage)
  assert.equal(event.model, 'o4-mini-2025-04-16')
  assert.equal(event.status, 'success')
  assert.equal(event.tenant, undefined)
})

test('a responses call is recorded', async () => {
  const published = recording()
  api.script.push({ json: fixture('openai-response-cached-reasoning.json') })
  await client(published).responses.create({ model: 'gpt-5', input: 'hi' })
  await new Promise(resolve => setImmediate(resolve))
  assert.deepEqual(published.events[0].usage, expected['openai-response-cached-reasoning.json'].usage)
  assert.equal(published.events[0].endpoint, 'responses')
})

test('a stream gets include_usage and is recorded from its final chunk', async () => {
  const published = recording()
  api.script.push({ sse: stream.chunks, usageChunk: stream.usageChunk })
  const chunks = await client(published).chat.completions.create({ model: 'gpt-4o-mini', messages: [], stream: true })
  let text = ''
  for await (const chunk of chunks) text += chunk.choices[0]?.delta?.content ?? ''
  assert.equal(text, 'Your order shipped on Tuesday.')
  assert.deepEqual(api.requests.at(-1).body.stream_options, { include_usage: true })
  assert.deepEqual(published.events[0].usage, stream.expected.usage)
})

test('the caller\'s own include_usage is kept', async () => {
  const published = recording()
  api.script.push({ sse: stream.chunks, usageChunk: stream.usageChunk })
  const chunks = await client(published).chat.completions.create({
    model: 'gpt-4o-mini', messages: [], stream: true, stream_options: { include_usage: false } })
  for await (const _ of chunks) { /* read it all */ }
  assert.deepEqual(api.requests.at(-1).body.stream_options, { include_usage: false })
  assert.equal(published.events[0].usage.inputTokens, 0)
  assert.equal(published.events[0].model, 'gpt-4o-mini-2024-07-18')
})

test('an API error is recorded as an error and reaches the caller unchanged', async () => {
  const published = recording()
  api.script.push({ status: 429, error: { message: 'Rate limit reached for gpt-4o-mini', type: 'requests', code: 'rate_limit_exceeded' } })
  await assert.rejects(client(published).chat.completions.create({ model: 'gpt-4o-mini', messages: [] }),
    error => error instanceof OpenAI.RateLimitError)
  await new Promise(resolve => setImmediate(resolve))
  assert.equal(published.events[0].status, 'error')
  assert.equal(published.events[0].error.type, 'http_429')
  assert.equal(published.events[0].model, 'gpt-4o-mini')
})

test('a timeout is recorded as a timeout', async () => {
  const published = recording()
  api.script.push({ delayMs: 1500, json: fixture('openai-chat-completion.json') })
  await assert.rejects(client(published, { timeout: 200 }).chat.completions.create({ model: 'gpt-4o-mini', messages: [] }),
    error => error instanceof OpenAI.APIConnectionTimeoutError)
  await new Promise(resolve => setImmediate(resolve))
  assert.equal(published.events[0].status, 'timeout')
})

test('project, user and tags come from the context, nested, per async call', async () => {
  const published = recording()
  api.script.push({ json: fixture('openai-chat-completion.json') }, { json: fixture('openai-chat-completion.json') })
  const openai = wrap(new OpenAI({ baseURL: api.url + '/v1', apiKey: 'sk-test', maxRetries: 0 }),
    { publisher: published, project: 'default', tags: { env: 'test' } })
  await withContext({ project: 'support-bot', tags: { team: 'a' } }, () => Promise.all([
    withContext({ user: 'alice' }, () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })),
    withContext({ user: 'bob', tags: { feature: 'x' } }, () => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })),
  ]))
  await new Promise(resolve => setImmediate(resolve))
  const byUser = Object.fromEntries(published.events.map(e => [e.user, e]))
  assert.equal(byUser.alice.project, 'support-bot')
  assert.deepEqual(byUser.alice.tags, { env: 'test', team: 'a' })
  assert.deepEqual(byUser.bob.tags, { env: 'test', team: 'a', feature: 'x' })
})

test('a publisher that throws never reaches the caller', async () => {
  api.script.push({ json: fixture('openai-chat-completion.json') })
  const broken = { publish() { throw new Error('down') } }
  const openai = wrap(new OpenAI({ baseURL: api.url + '/v1', apiKey: 'sk-test', maxRetries: 0 }), { publisher: broken })
  const answer = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })
  assert.equal(answer.model, 'gpt-4o-mini-2024-07-18')
})
