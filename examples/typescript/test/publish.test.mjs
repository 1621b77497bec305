// @ts-check
/**
 * Against the running product: publishes one event per fixture through HTTP ingest. Runs when
 * TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT are set (the Java ExamplesIT
 * sets them and then checks the query API's summary); skipped otherwise.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Publisher, mapOpenAiChatCompletion, usageEvent } from 'tokenmeter'
import { CASES, MAPPERS, load } from '../fixtures.mjs'

const { TOKENMETER_INGEST_URL: url, TOKENMETER_INGEST_KEY: key, TOKENMETER_TENANT: tenant } = process.env
const skip = url && key && tenant ? false : 'set TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT'

describe('publishing to the running ingest service', { skip }, () => {
  const ingestUrl = url ?? ''
  const ingestKey = key ?? ''
  const owner = tenant ?? ''

  it('accepts one event per fixture, and a re-published one is harmless', async () => {
    const publisher = new Publisher({ ingestUrl, ingestKey, maxBatch: 4 })
    const events = CASES.map(c => usageEvent(owner, MAPPERS[c.mapper](load(c.fixture)),
      { project: 'ts-example', latencyMs: 250, tags: { sdk: 'typescript' } }))
    for (const event of events) publisher.publish(event)
    publisher.publish(events[0]) // a retry after a lost answer: same id, counted once
    assert.equal(await publisher.close(60_000), true)
    assert.equal(publisher.stats().delivered, events.length + 1)
  })

  it('counts an event of another tenant as invalid instead of swallowing it', async () => {
    const warnings = []
    const publisher = new Publisher({ ingestUrl, ingestKey, logger: { warn: message => warnings.push(message) } })
    publisher.publish(usageEvent('someone-else', mapOpenAiChatCompletion(load('openai-chat-completion.json'))))
    assert.equal(await publisher.close(60_000), true)
    assert.equal(publisher.stats().invalid, 1)
    assert.match(warnings.join('\n'), /tenant_mismatch/)
  })
})
