// Local stand-ins for the OpenAI API and the ingest endpoint, and the recorded provider responses.
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const FIXTURES = fileURLToPath(new URL('../../../examples/fixtures/', import.meta.url))
export const fixture = name => JSON.parse(readFileSync(FIXTURES + name, 'utf8'))
export const expected = Object.fromEntries(fixture('expected.json').cases.map(c => [c.fixture, c]))
export const TOKENS = ['inputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'outputTokens', 'reasoningTokens']
export const totals = (...usages) => Object.fromEntries(TOKENS.map(f => [f, usages.reduce((sum, u) => sum + u[f], 0)]))

async function listen(handler) {
  const server = createServer(handler)
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${server.address().port}` }
}

async function body(request) {
  let text = ''
  for await (const chunk of request) text += chunk
  return text ? JSON.parse(text) : null
}

/**
 * Answers like the OpenAI API: each request takes the next scripted answer — { json, status? } (a
 * JSON body), { sse: [chunks] } (a text/event-stream ending in [DONE]), { error, status } (an OpenAI
 * error object), { delayMs } before any of these. The stream answer leaves out the usage chunk unless
 * the request asked for stream_options.include_usage, as the API does.
 */
export async function openAiStub() {
  const stub = { script: [], requests: [] }
  const { server, url } = await listen(async (request, response) => {
    const json = await body(request)
    stub.requests.push({ path: request.url, body: json })
    const answer = stub.script.shift() ?? { status: 500, error: { message: 'nothing scripted', type: 'server_error' } }
    if (answer.delayMs) await new Promise(resolve => setTimeout(resolve, answer.delayMs))
    if (response.destroyed) return
    if (answer.sse) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      const chunks = json?.stream_options?.include_usage ? [...answer.sse, answer.usageChunk].filter(Boolean) : answer.sse
      for (const chunk of chunks) response.write(`data: ${JSON.stringify(chunk)}\n\n`)
      response.end('data: [DONE]\n\n')
      return
    }
    const payload = JSON.stringify(answer.json ?? { error: answer.error })
    response.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', 'x-request-id': 'req_stub' })
    response.end(payload)
  })
  stub.url = url
  stub.close = () => new Promise(resolve => { server.closeAllConnections(); server.close(resolve) })
  return stub
}

/** POST /api/v1/events: answers the next of `answers` ({ status, json, headers }); the last one repeats. */
export async function ingestStub(answers = [{ status: 202 }]) {
  const stub = { answers: [...answers], requests: [] }
  const { server, url } = await listen(async (request, response) => {
    const events = await body(request)
    stub.requests.push({ at: Date.now(), auth: request.headers.authorization, events })
    const answer = stub.answers.length > 1 ? stub.answers.shift() : stub.answers[0]
    response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers })
    response.end(JSON.stringify(answer.json ?? { accepted: events.length }))
  })
  stub.url = url
  stub.ids = () => stub.requests.flatMap(r => r.events.map(e => e.id))
  stub.close = () => new Promise(resolve => { server.closeAllConnections(); server.close(resolve) })
  return stub
}

export function recording() {
  const events = []
  return { events, publish: event => events.push(event) }
}
