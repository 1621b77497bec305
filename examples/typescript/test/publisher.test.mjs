// @ts-check
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { after, describe, it } from 'node:test'
import { InvalidEventsError, PublishError, UsagePublisher, usageEvent } from '../tokenmeter.mjs'

/**
 * A stand-in of the ingest endpoint answering with the next of `answers`; the last one repeats.
 * @param {[number, any][]} answers
 */
async function stubIngest(answers) {
  /** @type {{ authorization: string | undefined, body: any[] }[]} */
  const requests = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', chunk => { body += chunk })
    request.on('end', () => {
      const events = JSON.parse(body)
      requests.push({ authorization: request.headers.authorization, body: events })
      const [status, answer] = /** @type {[number, any]} */ (answers.length > 1 ? answers.shift() : answers[0])
      response.writeHead(status, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify(typeof answer === 'function' ? answer(events) : answer))
    })
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return { url: `http://127.0.0.1:${address.port}`, requests, close: () => server.close() }
}

/** @param {any[]} events */
const accepted = events => ({ accepted: events.length })

/** @param {number} i */
function event(i) {
  return usageEvent('acme', {
    provider: 'openai', endpoint: 'chat.completions', model: 'gpt-4o-mini', responseId: null,
    usage: { inputTokens: 1200, cachedInputTokens: 1000, cacheWriteTokens: 0, outputTokens: 300, reasoningTokens: 0 },
  }, { id: `req-${i}` })
}

describe('UsagePublisher', () => {
  /** @type {(() => void)[]} */
  const stops = []
  after(() => stops.forEach(stop => stop()))

  it('sends events in batches with the ingest key', async () => {
    const ingest = await stubIngest([[202, accepted]])
    stops.push(ingest.close)
    const publisher = new UsagePublisher({ ingestUrl: ingest.url, ingestKey: 's3cret', maxBatch: 10 })
    for (let i = 0; i < 25; i++) await publisher.publish(event(i))
    await publisher.close()
    assert.deepEqual(ingest.requests.map(r => r.body.length), [10, 10, 5])
    assert.equal(ingest.requests[0].authorization, 'Bearer s3cret')
  })

  it('retries server errors with the same events', async () => {
    const ingest = await stubIngest([[503, { detail: 'Kafka is down' }], [502, {}], [202, accepted]])
    stops.push(ingest.close)
    const publisher = new UsagePublisher({ ingestUrl: ingest.url, ingestKey: 's3cret', minBackoffMs: 10, maxBackoffMs: 50 })
    await publisher.publish(event(1))
    await publisher.close()
    assert.deepEqual(ingest.requests.map(r => r.body[0].id), ['req-1', 'req-1', 'req-1'])
  })

  it('reports per-item errors without retrying', async () => {
    const ingest = await stubIngest([[400, {
      status: 400, accepted: 1, errors: [{ index: 1, id: 'req-2', reason: 'too_old',
        violations: [{ field: 'time', reason: 'too_old', message: 'is older than 35 days' }] }],
    }]])
    stops.push(ingest.close)
    const publisher = new UsagePublisher({ ingestUrl: ingest.url, ingestKey: 's3cret' })
    await publisher.publish(event(1))
    await publisher.publish(event(2))
    await assert.rejects(publisher.flush(), error => {
      assert.ok(error instanceof InvalidEventsError)
      assert.equal(error.accepted, 1)
      assert.deepEqual(error.errors.map(e => [e.id, e.reason, e.event.id]), [['req-2', 'too_old', 'req-2']])
      return true
    })
    assert.equal(ingest.requests.length, 1)
  })

  it('fails a refused key without retry', async () => {
    const ingest = await stubIngest([[401, { detail: 'Send an ingest key' }]])
    stops.push(ingest.close)
    const publisher = new UsagePublisher({ ingestUrl: ingest.url, ingestKey: 'wrong' })
    await publisher.publish(event(1))
    await assert.rejects(publisher.flush(), /401/)
    assert.equal(ingest.requests.length, 1)
  })

  it('gives up on an unreachable ingest after the delivery timeout', async () => {
    const publisher = new UsagePublisher({ ingestUrl: 'http://127.0.0.1:9', ingestKey: 's3cret',
      deliveryTimeoutMs: 500, minBackoffMs: 50, maxBackoffMs: 100 })
    await publisher.publish(event(1))
    await assert.rejects(publisher.flush(), error => error instanceof PublishError && /not accepted within/.test(error.message))
  })
})
