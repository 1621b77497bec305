// @ts-check
/**
 * Runs send-usage.mjs, the README's TypeScript example, with the real `openai` client pointed (via
 * OPENAI_BASE_URL) at a local server that answers like the OpenAI API. Against the running product
 * when TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT are set (the Java
 * ExamplesIT then finds the two calls in the summary); skipped otherwise.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { it } from 'node:test'
import { defaultPublisher } from 'tokenmeter'
import { load } from '../fixtures.mjs'

const { TOKENMETER_INGEST_URL: url, TOKENMETER_INGEST_KEY: key, TOKENMETER_TENANT: tenant } = process.env
const skip = url && key && tenant ? false : 'set TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT'

it('the README example meters each call', { skip }, async () => {
  const body = JSON.stringify(load('openai-chat-completion.json'))
  const api = createServer((request, response) => {
    request.resume().on('end', () => response.writeHead(200, { 'Content-Type': 'application/json' }).end(body))
  })
  await new Promise(resolve => api.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (api.address())
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${address.port}/v1`
  process.env.OPENAI_API_KEY = 'sk-test'
  try {
    const { answer } = await import('../send-usage.mjs')
    assert.equal(await answer('Where is my order?', 'u_42'), 'Your order #4417 shipped on Tuesday and should arrive by Friday.')
    await answer('And the invoice?', 'u_43')
    assert.equal(await defaultPublisher().close(60_000), true)
    assert.equal(defaultPublisher().stats().delivered, 2)
  } finally {
    api.close()
  }
})
