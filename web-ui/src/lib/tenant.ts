/**
 * For the operator key only: the tenant the dashboard reads, sent as `tenant=` with every request
 * (the operator key reads any tenant by naming it). In sessionStorage beside the key, so it lives
 * as long as the tab; an external store, so switching re-renders whoever reads it.
 */
import { useSyncExternalStore } from 'react'
import { sessionStore } from './session-store'

const TENANT = 'tokenmeter.tenant'
const OPERATOR = 'tokenmeter.operator'
const { read: get, emit, subscribe } = sessionStore()

/** The tenant an operator chose; null for a tenant's own key. */
export function getTenant(): string | null {
  return get(OPERATOR) === '1' ? get(TENANT) : null
}

export function isOperator(): boolean {
  return get(OPERATOR) === '1'
}

/** Marks the signed-in key as the operator key, reading `tenant` (null: none chosen yet). */
export function setOperatorTenant(tenant: string | null): void {
  window.sessionStorage.setItem(OPERATOR, '1')
  if (tenant) {
    window.sessionStorage.setItem(TENANT, tenant)
  } else {
    window.sessionStorage.removeItem(TENANT)
  }
  emit()
}

/** Forgets the operator mode (on sign-out or when a tenant's own key signs in). */
export function clearOperator(): void {
  window.sessionStorage.removeItem(OPERATOR)
  window.sessionStorage.removeItem(TENANT)
  emit()
}

export function useTenant(): { operator: boolean; tenant: string | null } {
  const operator = useSyncExternalStore(subscribe, isOperator, () => false)
  const tenant = useSyncExternalStore(subscribe, getTenant, () => null)
  return { operator, tenant }
}
