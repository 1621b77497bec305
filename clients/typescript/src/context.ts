/**
 * Who a call is for: project, user, apiKey and tags around calls. Held in an AsyncLocalStorage, so
 * concurrent requests each see their own; nested contexts add to the outer one (tags merged).
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface CallContext {
  project?: string
  user?: string
  apiKey?: string
  tags?: Record<string, string>
}

const storage = new AsyncLocalStorage<CallContext>()

/** Runs fn with these fields on every call it makes: withContext({ project: 'support-bot', user }, () => ...). */
export function withContext<T>(fields: CallContext, fn: () => T): T {
  const outer = storage.getStore() ?? {}
  const inner: CallContext = { ...outer }
  if (fields.project !== undefined) inner.project = fields.project
  if (fields.user !== undefined) inner.user = fields.user
  if (fields.apiKey !== undefined) inner.apiKey = fields.apiKey
  if (fields.tags) inner.tags = { ...outer.tags, ...fields.tags }
  return storage.run(inner, fn)
}

/** The fields of the innermost context. */
export function currentContext(): CallContext {
  return { ...storage.getStore() }
}
