import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { TenantList } from '@/types/models'

export function getTenants(params: URLSearchParams, signal?: AbortSignal): Promise<TenantList> {
  return apiGet<TenantList>('/tenants', params, { signal })
}

/** Every tenant with its last 30 days (operator key only). */
export function tenantsQueryOptions() {
  const params = new URLSearchParams({ range: '30d' })
  return queryOptions({
    queryKey: ['tenants', params.toString()],
    queryFn: ({ signal }) => getTenants(params, signal),
    staleTime: 60_000,
  })
}

export function useTenants(enabled: boolean) {
  return useQuery({ ...tenantsQueryOptions(), enabled })
}
