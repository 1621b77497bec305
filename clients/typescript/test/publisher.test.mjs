// The publisher against a local stand-in of the ingest endpoint: batching, bounds, retries, exit.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Publisher, usageEvent } from '../dist/index.js'
import { ingestStub } from './helpers.mjs'

const call = { provider: 'openai', endpoint: 'chat.completions', model: 'gpt-4o-mini', responseId: null,
  usage: { inputTokens: 100, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 10, reasoningTokens: 0 } }
const event = i => usageEvent(undefined, call, { id: `req-${i}` })
const quiet = { warn() {} }

test('events leave in batches, in order, with the ingest key', async () => {
  const ingest = await ingestStub()
  const publisher = new Publisher({ ingestUrl: ingest.url, ingestKey: 's3cret', maxBatch: 10, flushIntervalMs: 60_000 })
  for (let i = 0; i < 25; i++) publisher.publish(event(i))
  assert.equal(await publisher.flush(10_000), true)
  await publisher.close()
  assert.deepEqual(ingest.requests.map(r => r.events.length), [10, 10, 5])
  assert.deepEqual(ingest.ids(), Array.from({ length: 25 }, (_, i) => `req-${i}`))
  assert.equal(ingest.requests[0].auth, 'Bearer s3cret')
  assert.equal(publisher.stats().delivered, 25)
  await ingest.close()
})

test('a queued event leaves after flushIntervalMs without a flush', async () => {
  const ingest = await ingestStub()
  const publisher = new Publisher({ ingestUrl: ingest.url, ingestKey: 'k', flushIntervalMs: 100 })
  publisher.publish(event(1))
  const deadline = Date.now() + 5000
  while (ingest.requests.length === 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
  assert.deepEqual(ingest.ids(), ['req-1'])
  await publisher.close()
  await ingest.close()
})

test('Retry-After is honoured and the same ids are sent again', async () => {
  const ingest = await ingestStub([
    { status: 429, json: { detail: 'slow down' }, headers: { 'Retry-After': '1' } },
    { status: 503, json: { detail: 'broker unavailable' }, headers: { 'Retry-After': '1' } },
    { status: 202 }])
  const publisher = new Publisher({ ingestUrl: ingest.url, ingestKey: 'k', minBackoffMs: 10, maxBackoffMs: 20, logger: quiet })
  publisher.publish(event(1))
  assert.equal(await publisher.flush(10_000), true)
  const [first, second, third] = ingest.requests.map(r => r.at)
  assert.ok(second - first >= 950, `${second - first} ms`)
  assert.ok(third - second >= 950, `${third - second} ms`)
  assert.deepEqual(ingest.ids(), ['req-1', 'req-1', 'req-1'])
  await publisher.close()
  await ingest.close()
})

test('a full queue drops the oldest events and counts them', async () => {
  const ingest = await ingestStub()
  const publisher = new Publisher({ ingestUrl: ingest.url, ingestKey: 'k', maxQueue: 5, flushIntervalMs: 60_000 })
  for (let i = 0; i < 8; i++) publisher.publish(event(i))
  assert.equal(publisher.stats().dropped, 3)
  assert.equal(publisher.stats().queued, 5)
  await publisher.close()
  assert.deepEqual(ingest.ids(), ['req-3', 'req-4', 'req-5', 'req-6', 'req-7'])
  await ingest.close()
})

test('invalid items and a refused key are counted, not retried, never thrown', async () => {
  const ingest = await ingestStub([
    { status: 400, json: { accepted: 1, errors: [{ index: 1, id: 'req-1', reason: 'schema_violation' }] } },
    { status: 401, json: { detail: 'unknown key' } }])
  const publisher = new Publisher({ ingestUrl: ingest.url, ingestKey: 'k', logger: quiet })
  publisher.publish(event(0))
  publisher.publish(event(1))
  await publisher.flush(10_000)
  publisher.publish(event(2))
  await publisher.flush(10_000)
  await publisher.close()
  publisher.publish(event(3)) // after close: counted, not thrown
  assert.deepEqual(publisher.stats(), { published: 3, delivered: 1, dropped: 0, failed: 2, invalid: 1, queued: 0 })
  assert.equal(ingest.requests.length, 2)
  await ingest.close()
})

test('events still queued are sent when the process is about to exit', async () => {
  const ingest = await ingestStub()
  const script = `
    import { Publisher, usageEvent } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)}
    const publisher = new Publisher({ ingestUrl: ${JSON.stringify(ingest.url)}, ingestKey: 'k', flushIntervalMs: 3_600_000 })
    const call = ${JSON.stringify(call)}
    for (let i = 0; i < 3; i++) publisher.publish(usageEvent(undefined, call, { id: 'exit-' + i }))
    // no flush, no close: 'beforeExit' does it`
  await new Promise((resolve, reject) => {
    import('node:child_process').then(({ execFile }) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 }, error => error ? reject(error) : resolve()))
  })
  assert.deepEqual(ingest.ids(), ['exit-0', 'exit-1', 'exit-2'])
  await ingest.close()
})
