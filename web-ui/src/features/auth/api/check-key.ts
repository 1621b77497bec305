import { useMutation } from '@tanstack/react-query'
import { apiGet, ApiError } from '@/lib/api-client'
import { signIn } from '@/lib/auth'
import { clearOperator, setOperatorTenant } from '@/lib/tenant'
import type { TenantList, Values } from '@/types/models'

/**
 * Asks the API one cheap question with the key: a key it does not accept is refused before it is
 * stored. The operator key reads a tenant only when it names one (a 400 naming `tenant`): then the
 * tenant list decides, and the first tenant is read until the switcher picks another.
 * Answers the tenant to read for the operator key, else null.
 */
export async function checkKey(key: string): Promise<{ operator: boolean; tenant: string | null }> {
  try {
    await apiGet<Values>('/usage/values/provider', new URLSearchParams({ range: 'today', limit: '1' }), { key })
    return { operator: false, tenant: null }
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 400 && error.problem.parameter === 'tenant')) {
      throw error
    }
  }
  const list = await apiGet<TenantList>('/tenants', new URLSearchParams({ range: '30d', limit: '1' }), { key })
  return { operator: true, tenant: list.tenants[0]?.name ?? null }
}

export function describeSignInError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'This key is not valid, or it was revoked.'
    if (error.status === 403) return 'This key cannot read usage: ingest keys only publish events. Use a viewer or admin key.'
    if (error.status === 0) return error.message
    return `The server refused: ${error.message}`
  }
  return 'Could not check the key.'
}

export function useSignIn() {
  return useMutation({
    mutationFn: async (key: string) => ({ key, ...(await checkKey(key)) }),
    onSuccess: ({ key, operator, tenant }) => {
      if (operator) {
        setOperatorTenant(tenant)
      } else {
        clearOperator()
      }
      signIn(key)
    },
  })
}
