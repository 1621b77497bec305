/**
 * The one place that talks HTTP to the query API: adds the key, turns RFC 9457 problem details
 * into an `ApiError` (with the wait a 429's `Retry-After` asks for), and signs out when the server
 * no longer accepts the key.
 */
import type { Problem } from '@/types/models'
import { getApiKey, signOut } from './auth'
import { getTenant } from './tenant'

export const API_BASE = '/api/v1'

export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem
  /** For a 429 (or 503) with `Retry-After`: how long the server asks to wait, in ms; else null. */
  readonly retryAfterMs: number | null

  constructor(status: number, problem: Problem, retryAfterMs: number | null = null) {
    super(describe(status, problem, retryAfterMs))
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
    this.retryAfterMs = retryAfterMs
  }
}

function describe(status: number, problem: Problem, retryAfterMs: number | null): string {
  if (status === 429) {
    const wait = retryAfterMs === null ? '' : ` in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`
    return `Too many requests for this key: slow down and try again${wait}.`
  }
  const detail = problem.detail ?? problem.title ?? `HTTP ${status}`
  return problem.parameter ? `${problem.parameter}: ${detail}` : detail
}

/** Whether the server refused because the key or its tenant went over its rate limit. */
export function isRateLimited(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 429
}

/** `Retry-After` in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') {
    return null
  }
  const text = value.trim()
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000
  }
  const date = Date.parse(text)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

interface SendInit {
  signal?: AbortSignal
  key?: string
  accept: string
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
}

async function send(path: string, params: URLSearchParams | undefined, init: SendInit) {
  const key = init.key ?? getApiKey()
  // The operator key names the tenant it reads; /tenants lists them all and takes none.
  const tenant = init.key === undefined && path !== '/tenants' ? getTenant() : null
  const all = new URLSearchParams(params)
  if (tenant && !all.has('tenant')) {
    all.set('tenant', tenant)
  }
  const query = all.size > 0 ? `?${all}` : ''
  const hasBody = init.body !== undefined
  let response: Response
  try {
    response = await fetch(`${API_BASE}${path}${query}`, {
      method: init.method ?? 'GET',
      headers: {
        Accept: init.accept,
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
      },
      body: hasBody ? (init.body instanceof RawJson ? init.body.text : JSON.stringify(init.body)) : undefined,
      signal: init.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error
    }
    throw new ApiError(0, { title: 'Network error', detail: 'The query service did not answer. Is it running?' })
  }
  if (!response.ok) {
    const problem = await readProblem(response)
    if (response.status === 401 && init.key === undefined && key) {
      signOut('The server no longer accepts this key. Sign in again.')
    }
    throw new ApiError(response.status, problem, parseRetryAfter(response.headers.get('Retry-After')))
  }
  return response
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body: unknown = await response.json()
    return typeof body === 'object' && body !== null ? (body as Problem) : {}
  } catch {
    return { title: response.statusText || `HTTP ${response.status}` }
  }
}

/** GETs JSON; `key` overrides the signed-in key (used to check a key before signing in). */
export async function apiGet<T>(path: string, params?: URLSearchParams, init: { signal?: AbortSignal; key?: string } = {}): Promise<T> {
  const response = await send(path, params, { ...init, accept: 'application/json' })
  return (await response.json()) as T
}

/**
 * Sends a change (POST, PUT, DELETE) with a JSON body; answers the JSON reply, or null for 204.
 * A 400 is an `ApiError` whose `problem.parameter` names the bad field (e.g. `limitUsd`, `thresholds[1]`).
 */
export async function apiSend<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  params?: URLSearchParams,
): Promise<T | null> {
  const response = await send(path, params, { method, body, accept: 'application/json' })
  if (response.status === 204) {
    return null
  }
  return (await response.json()) as T
}

/** A JSON body sent exactly as given (a price file of a megabyte is not parsed and re-written). */
export class RawJson {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

/** POSTs a JSON body with query parameters; answers the JSON reply. */
export async function apiPost<T>(path: string, params: URLSearchParams, body: RawJson | object): Promise<T> {
  const response = await send(path, params, { method: 'POST', body, accept: 'application/json' })
  return (await response.json()) as T
}

/** GETs a file, with the name the server gave it in Content-Disposition. */
export async function apiDownload(path: string, params: URLSearchParams, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
  const response = await send(path, params, { accept: 'text/csv' })
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)
  return { blob: await response.blob(), filename: match?.[1] ? decodeURIComponent(match[1]) : fallbackName }
}

/** The field a 400 names and what is wrong with it (the server's detail repeats the field first), else null. */
export function fieldError(error: unknown): { field: string; message: string } | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.problem.parameter) {
    return null
  }
  const field = error.problem.parameter
  const detail = error.problem.detail ?? error.problem.title ?? 'is not valid'
  return { field, message: detail.startsWith(`${field}: `) ? detail.slice(field.length + 2) : detail }
}

/** Whether the server refused because the key's role may not do this (a viewer writing). */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403
}
