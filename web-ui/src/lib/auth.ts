/**
 * The signed-in API key, kept in sessionStorage: it lives as long as the browser tab and is
 * never written to disk or to a cookie. An external store, so sign-out re-renders the app.
 */
import { useSyncExternalStore } from 'react'

const STORAGE_KEY = 'tokenmeter.apiKey'
const listeners = new Set<() => void>()
let signOutReason: string | null = null

function read(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

function emit(): void {
  listeners.forEach((listener) => listener())
}

export function getApiKey(): string | null {
  return read()
}

export function signIn(key: string): void {
  window.sessionStorage.setItem(STORAGE_KEY, key.trim())
  signOutReason = null
  emit()
}

/** Forgets the key; `reason` is shown on the sign-in page (e.g. when the key was revoked). */
export function signOut(reason: string | null = null): void {
  window.sessionStorage.removeItem(STORAGE_KEY)
  window.sessionStorage.removeItem('tokenmeter.operator')
  window.sessionStorage.removeItem('tokenmeter.tenant')
  signOutReason = reason
  emit()
}

export function lastSignOutReason(): string | null {
  return signOutReason
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useApiKey(): string | null {
  return useSyncExternalStore(subscribe, read, () => null)
}
