/**
 * The one place that talks HTTP to the query API: adds the key, turns RFC 9457 problem details
 * into an `ApiError`, and signs out when the server no longer accepts the key.
 */
import type { Problem } from '@/types/api'
import { getApiKey, signOut } from './auth'

export const API_BASE = '/api/v1'

export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(status: number, problem: Problem) {
    super(describe(status, problem))
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }
}

function describe(status: number, problem: Problem): string {
  const detail = problem.detail ?? problem.title ?? `HTTP ${status}`
  return problem.parameter ? `${problem.parameter}: ${detail}` : detail
}

async function send(path: string, params: URLSearchParams | undefined, init: { signal?: AbortSignal; key?: string; accept: string }) {
  const key = init.key ?? getApiKey()
  const query = params && params.size > 0 ? `?${params}` : ''
  let response: Response
  try {
    response = await fetch(`${API_BASE}${path}${query}`, {
      headers: { Accept: init.accept, ...(key ? { Authorization: `Bearer ${key}` } : {}) },
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
    throw new ApiError(response.status, problem)
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

/** GETs a file, with the name the server gave it in Content-Disposition. */
export async function apiDownload(path: string, params: URLSearchParams, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
  const response = await send(path, params, { accept: 'text/csv' })
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)
  return { blob: await response.blob(), filename: match?.[1] ? decodeURIComponent(match[1]) : fallbackName }
}
