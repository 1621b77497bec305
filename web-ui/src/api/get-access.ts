import { queryOptions, useQuery } from '@tanstack/react-query'
import { ApiError, apiGet } from '@/lib/api-client'

export type Access = 'manage' | 'read'

/**
 * Whether the signed-in key may change the tenant's settings (prices, budgets). The API has no
 * "who am I", so this asks for the tenant's key list, which only admin (and operator) keys may read:
 * 200 means manage, 403 means read only. Pages use it to explain, up front, that changes need an
 * admin key; the server still checks every write.
 */
export async function getAccess(signal?: AbortSignal): Promise<Access> {
  try {
    await apiGet<unknown>('/keys', undefined, { signal })
    return 'manage'
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      return 'read'
    }
    throw error
  }
}

export const accessQueryOptions = queryOptions({
  queryKey: ['access'],
  queryFn: ({ signal }) => getAccess(signal),
  staleTime: Infinity,
  retry: false,
})

export function useAccess() {
  return useQuery(accessQueryOptions)
}
