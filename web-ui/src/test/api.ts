/**
 * Typed MSW handlers for the query API: a path is one of the OpenAPI document's paths
 * (`src/types/api.ts`, generated from `openapi.json`) and an answer must have the shape that
 * document gives the path's success response, so a fixture that drifts from the contract does not
 * compile. The served document marks no property required or nullable, so `Served<T>` lets any
 * property be absent or null; the UI's own types (`models.ts`) say which ones it reads.
 *
 * Nothing here computes an answer from the request: each test states what the API answers (a
 * fixture, or a function choosing between fixtures by a parameter). What the service computes —
 * costs, zones, budget periods — is checked against the real stack by the browser tests (e2e/).
 */
import { http, HttpResponse, type JsonBodyType } from 'msw'
import type { paths } from '@/types/api'

type Method = 'get' | 'post' | 'put' | 'delete'

/** The document's paths that have `method`. */
export type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<M, { responses: unknown }> ? P : never
}[keyof paths]

type Content<A> = A extends { content: { '*/*': infer B } } ? B : A extends { content: { 'application/json': infer B } } ? B : never

/** The body of the path's success answer (200, else 201). */
export type Ok<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Content<A>
    : R extends { 201: infer A }
      ? Content<A>
      : never
  : never

/** A generated schema as the service may write it: any property absent or null. */
export type Served<T> = unknown extends T
  ? unknown
  : T extends readonly (infer E)[]
    ? Served<E>[]
    : T extends object
      ? { [K in keyof T]?: Served<T[K]> | null }
      : T

/** What a test learns about a request it answers. */
export interface Asked {
  request: Request
  url: URL
  params: URLSearchParams
  /** The path's parameters, e.g. `{ id: 'bud_1' }` for `/api/v1/budgets/{id}`. */
  path: Record<string, string>
  /** The JSON body of a write, parsed; undefined for a GET. */
  body: unknown
}

type Answer<B> = Served<B> | Response | ((asked: Asked) => Served<B> | Response | Promise<Served<B> | Response>)

export interface AnswerOptions {
  /** The status of a JSON answer (default 200). */
  status?: number
  /** Answer only the first matching request, then let the next handler answer. */
  once?: boolean
}

/** Every write (POST, PUT, DELETE) the tests' handlers answered, in order, with its parsed body. */
export const writes: { method: string; path: string; body: unknown }[] = []

function handler<M extends Method, P extends PathOf<M>>(method: M, path: P, answer: Answer<Ok<P, M>>, options: AnswerOptions = {}) {
  const pattern = String(path).replace(/\{(\w+)\}/g, ':$1')
  return http[method](
    pattern,
    async ({ request, params }) => {
      const url = new URL(request.url)
      const text = method === 'get' ? '' : await request.clone().text()
      const body: unknown = text ? JSON.parse(text) : undefined
      if (method !== 'get') writes.push({ method: method.toUpperCase(), path: url.pathname.replace(/^\/api\/v1/, ''), body })
      const asked: Asked = { request, url, params: url.searchParams, path: params as Record<string, string>, body }
      const result = typeof answer === 'function' ? await answer(asked) : answer
      if (result instanceof Response) return result
      return HttpResponse.json(result as JsonBodyType, { status: options.status ?? 200 })
    },
    { once: options.once ?? false },
  )
}

export const answer = {
  get: <P extends PathOf<'get'>>(path: P, body: Answer<Ok<P, 'get'>>, options?: AnswerOptions) => handler('get', path, body, options),
  post: <P extends PathOf<'post'>>(path: P, body: Answer<Ok<P, 'post'>>, options?: AnswerOptions) => handler('post', path, body, options),
  put: <P extends PathOf<'put'>>(path: P, body: Answer<Ok<P, 'put'>>, options?: AnswerOptions) => handler('put', path, body, options),
  delete: <P extends PathOf<'delete'>>(path: P, body: Answer<Ok<P, 'delete'>>, options?: AnswerOptions) =>
    handler('delete', path, body, options),
}

/** An RFC 9457 problem answer, as the service gives every error (`parameter` names a bad field or parameter). */
export function problem(status: number, detail: string, parameter?: string): Response {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    500: 'Internal Server Error',
  }
  return HttpResponse.json(
    {
      type: 'about:blank',
      title: titles[status] ?? 'Error',
      status,
      detail: parameter ? `${parameter}: ${detail}` : detail,
      ...(parameter ? { parameter } : {}),
    },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  )
}

/** 204 No Content, the answer to a DELETE. */
export function noContent(): Response {
  return new HttpResponse(null, { status: 204 })
}

export type Role = 'viewer' | 'admin' | 'ingest'

/**
 * The keys the API accepts and their roles (API.md §3): any other key is a 401, an ingest key
 * reads nothing (403), a viewer changes nothing and may not list keys (403). Falls through to the
 * test's other handlers otherwise: give it first (`server.use(keys(...), ...answers)`); a later
 * `server.use` in a test goes in front of it.
 */
export function keys(roles: Record<string, Role>) {
  return http.all('/api/v1/*', ({ request }) => {
    const key = request.headers
      .get('Authorization')
      ?.replace(/^Bearer\s+/i, '')
      .trim()
    const role = key ? roles[key] : undefined
    if (!role) return problem(401, 'Unknown or revoked API key')
    if (role === 'ingest') return problem(403, 'An ingest key publishes events and reads nothing')
    const path = new URL(request.url).pathname
    if (role === 'viewer' && (request.method !== 'GET' || path === '/api/v1/keys'))
      return problem(403, 'A viewer key cannot do this; use an admin key of the tenant')
    return undefined
  })
}
