/**
 * Mock Service Worker in Node for the unit and component tests: the app's real `fetch` calls are
 * answered by the handlers a test states (typed by the OpenAPI document, see `api.ts`). The server
 * answers nothing by itself: a request no handler takes fails the test (`onUnhandledRequest: 'error'`).
 */
import { setupServer } from 'msw/node'

export const server = setupServer()

/** Every request the app sent during the current test, in order, with the status it was answered. */
export interface Sent {
  method: string
  /** Without the `/api/v1` prefix, e.g. `/usage/summary`. */
  path: string
  params: URLSearchParams
  status: number | null
}

export const sent: Sent[] = []

const byId = new Map<string, Sent>()

server.events.on('request:start', ({ request, requestId }) => {
  const url = new URL(request.url)
  const entry: Sent = { method: request.method, path: url.pathname.replace(/^\/api\/v1/, ''), params: url.searchParams, status: null }
  sent.push(entry)
  byId.set(requestId, entry)
})

server.events.on('response:mocked', ({ response, requestId }) => {
  const entry = byId.get(requestId)
  if (entry) entry.status = response.status
})

/** Forgets what the previous test sent. */
export function clearSent(): void {
  sent.length = 0
  byId.clear()
}

/** The query parameters of every request to `path` (e.g. `/usage/summary`), oldest first. */
export function paramsSentTo(path: string, method = 'GET'): URLSearchParams[] {
  return sent.filter((s) => s.path === path && s.method === method).map((s) => s.params)
}
