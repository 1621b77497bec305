// Against the running product (real ingest, Kafka and PostgreSQL): the real `openai` client, pointed
// at a local OpenAI stand-in and wrapped, records calls that the query API counts exactly. Run by the
// Java ClientsIT; skipped without its environment (TOKENMETER_INGEST_URL, _INGEST_KEY, _TENANT,
// _QUERY_URL, _QUERY_KEY). Projects are suffixed with a run id, so reruns count afresh.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createServer, connect } from 'node:net'
import { randomUUID } from 'node:crypto'
import OpenAI from 'openai'
import { Publisher, wrap, withContext } from '../dist/index.js'
import { expected, fixture, openAiStub, totals, TOKENS } from './helpers.mjs'

const env = process.env
const skip = ['TOKENMETER_INGEST_URL', 'TOKENMETER_INGEST_KEY', 'TOKENMETER_TENANT', 'TOKENMETER_QUERY_URL', 'TOKENMETER_QUERY_KEY']
  .some(name => !env[name]) && 'set TOKENMETER_INGEST_URL, _INGEST_KEY, _TENANT, _QUERY_URL and _QUERY_KEY'
const RUN = env.TOKENMETER_RUN_ID ?? randomUUID().slice(0, 8)
const stream = fixture('streams/openai-chat-completion-stream.json')
const plain = expected['openai-chat-completion.json'].usage
let api
before(async () => { api = await openAiStub() })
after(() => api.close())

const openai = publisher => wrap(new OpenAI({ baseURL: api.url + '/v1', apiKey: 'sk-test', maxRetries: 0, timeout: 300 }), { publisher })

async function query(path, params) {
  const search = new URLSearchParams({ tenant: env.TOKENMETER_TENANT, range: 'all', ...params })
  const response = await fetch(`${env.TOKENMETER_QUERY_URL}/api/v1/${path}?${search}`,
    { headers: { Authorization: `Bearer ${env.TOKENMETER_QUERY_KEY}` } })
  assert.equal(response.status, 200, await response.clone().text())
  return response.json()
}

async function assertCounted(project, requests, { usage, errors = 0, timeouts = 0 } = {}) {
  const deadline = Date.now() + 90_000
  let summary
  do {
    summary = await query('usage/summary', { project })
    if (summary.requests >= requests) break
    await new Promise(resolve => setTimeout(resolve, 500))
  } while (Date.now() < deadline)
  assert.deepEqual([summary.requests, summary.errors, summary.timeouts], [requests, errors, timeouts], project)
  if (usage) assert.deepEqual(Object.fromEntries(TOKENS.map(f => [f, summary[f]])), usage, project)
}

test('calls and responses are counted exactly', { skip }, async () => {
  const project = `ts-calls-${RUN}`
  api.script.push({ json: fixture('openai-chat-completion.json') }, { json: fixture('openai-chat-completion-cached.json') },
    { json: fixture('openai-response-cached-reasoning.json') })
  const publisher = new Publisher()
  const client = openai(publisher)
  await withContext({ project, user: 'u_42' }, async () => {
    await Promise.all([client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }),
      client.chat.completions.create({ model: 'gpt-4o', messages: [] })])
    await client.responses.create({ model: 'gpt-5', input: 'hi' })
  })
  assert.equal(await publisher.close(60_000), true)
  await assertCounted(project, 3, { usage: totals(plain, expected['openai-chat-completion-cached.json'].usage,
    expected['openai-response-cached-reasoning.json'].usage) })
})

test('a stream is counted from its final usage chunk', { skip }, async () => {
  const project = `ts-stream-${RUN}`
  api.script.push({ sse: stream.chunks, usageChunk: stream.usageChunk })
  const publisher = new Publisher()
  await withContext({ project }, async () => {
    for await (const _ of await openai(publisher).chat.completions.create({ model: 'gpt-4o-mini', messages: [], stream: true })) { /* read */ }
  })
  assert.equal(await publisher.close(60_000), true)
  await assertCounted(project, 1, { usage: stream.expected.usage })
})

test('errors and timeouts are counted with their status', { skip }, async () => {
  const project = `ts-failures-${RUN}`
  api.script.push({ status: 429, error: { message: 'Rate limit reached', type: 'requests' } },
    { status: 500, error: { message: 'The server had an error', type: 'server_error' } },
    { delayMs: 1500, json: fixture('openai-chat-completion.json') })
  const publisher = new Publisher()
  const client = openai(publisher)
  await withContext({ project }, async () => {
    for (let i = 0; i < 3; i++) await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }))
  })
  assert.equal(await publisher.close(60_000), true)
  await assertCounted(project, 3, { errors: 2, timeouts: 1 })
})

test('what is queued when the process ends is delivered by the default publisher', { skip }, async () => {
  const project = `ts-exit-${RUN}`
  api.script.push({ json: fixture('openai-chat-completion.json') }, { json: fixture('openai-chat-completion.json') })
  const script = `
    import OpenAI from 'openai'
    import { wrap, withContext } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)}
    const client = wrap(new OpenAI({ baseURL: ${JSON.stringify(api.url + '/v1')}, apiKey: 'sk-test', maxRetries: 0 }))
    await withContext({ project: ${JSON.stringify(project)} }, async () => {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })
    })
    // the process ends here: no flush, no close`
  await new Promise((resolve, reject) => execFile(process.execPath, ['--input-type=module', '-e', script],
    { timeout: 60_000, cwd: new URL('..', import.meta.url) }, error => error ? reject(error) : resolve()))
  await assertCounted(project, 2, { usage: totals(plain, plain) })
})

/** A TCP proxy in front of ingest that can play dead: while down it closes every connection at once. */
async function flakyProxy(target) {
  const { hostname, port } = new URL(target)
  const proxy = { up: true, refused: 0 }
  const server = createServer(client => {
    if (!proxy.up) {
      proxy.refused++
      client.destroy()
      return
    }
    const upstream = connect(Number(port), hostname)
    client.pipe(upstream).pipe(client)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${server.address().port}`
  proxy.close = () => new Promise(resolve => server.close(resolve))
  return proxy
}

test('while ingest is down the queue keeps the newest events and delivers them when it is back', { skip }, async () => {
  const project = `ts-outage-${RUN}`
  const proxy = await flakyProxy(env.TOKENMETER_INGEST_URL)
  for (let i = 0; i < 8; i++) api.script.push({ json: fixture('openai-chat-completion.json') })
  const publisher = new Publisher({ ingestUrl: proxy.url, maxQueue: 5, flushIntervalMs: 3_600_000,
    minBackoffMs: 50, maxBackoffMs: 200, logger: { warn() {} } })
  proxy.up = false
  const client = openai(publisher)
  for (let i = 0; i < 8; i++) {
    await withContext({ project, user: `u${i}` }, () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }))
  }
  await new Promise(resolve => setImmediate(resolve))
  assert.equal(publisher.stats().dropped, 3)
  assert.equal(await publisher.flush(1000), false) // retrying, not delivered
  assert.ok(proxy.refused >= 2, `${proxy.refused} attempts while down`)
  proxy.up = true
  assert.equal(await publisher.flush(30_000), true)
  assert.equal(publisher.stats().delivered, 5)
  await publisher.close()
  await proxy.close()
  await assertCounted(project, 5, { usage: totals(...Array(5).fill(plain)) })
  const users = (await query('usage/breakdown', { by: 'user', project })).rows.map(row => row.key).sort()
  assert.deepEqual(users, ['u3', 'u4', 'u5', 'u6', 'u7'])
})
