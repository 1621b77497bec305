// @ts-check
/**
 * Against the running product: publishes one event per fixture through HTTP ingest. Runs when
 * TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT are set (the Java ExamplesIT
 * sets them and then checks the query API's summary); skipped otherwise.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { InvalidEventsError, UsagePublisher, mapOpenAiChatCompletion, usageEvent } from '../tokenmeter.mjs'
import { CASES, MAPPERS, load } from '../fixtures.mjs'

const { TOKENMETER_INGEST_URL: url, TOKENMETER_INGEST_KEY: key, TOKENMETER_TENANT: tenant } = process.env
const skip = url && key && tenant ? false : 'set TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT'

describe('publishing to the running ingest service', { skip }, () => {
  const ingestUrl = url ?? ''
  const ingestKey = key ?? ''
  const owner = tenant ?? ''

  it('accepts one event per fixture, and a re-published one is harmless', async () => {
    const publisher = new UsagePublisher({ ingestUrl, ingestKey, maxBatch: 4 })
    const events = CASES.map(c => usageEvent(owner, MAPPERS[c.mapper](load(c.fixture)),
      { project: 'ts-example', latencyMs: 250, tags: { sdk: 'typescript' } }))
    for (const event of events) await publisher.publish(event)
    await publisher.publish(events[0]) // a retry after a lost answer: same id, counted once
    await publisher.close()
  })

  it('reports an event of another tenant instead of swallowing it', async () => {
    const publisher = new UsagePublisher({ ingestUrl, ingestKey })
    await publisher.publish(usageEvent('someone-else', mapOpenAiChatCompletion(load('openai-chat-completion.json'))))
    await assert.rejects(publisher.flush(),
      error => error instanceof InvalidEventsError && error.errors[0].reason === 'tenant_mismatch')
  })
})
