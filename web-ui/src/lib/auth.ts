/**
 * The signed-in API key, kept in sessionStorage: it lives as long as the browser tab and is
 * never written to disk or to a cookie. An external store, so sign-out re-renders the app.
 */
import { useSyncExternalStore } from 'react'
import { sessionStore } from './session-store'

const STORAGE_KEY = 'tokenmeter.apiKey'
const { read, emit, subscribe } = sessionStore()
let signOutReason: string | null = null

export function getApiKey(): string | null {
  return read(STORAGE_KEY)
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

export function useApiKey(): string | null {
  return useSyncExternalStore(subscribe, getApiKey, () => null)
}
