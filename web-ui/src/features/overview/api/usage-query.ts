import { queryOptions } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'

/** `GET /usage/{name}` with `params`; the query key holds every parameter. */
export function usageQueryOptions<T>(name: string, params: URLSearchParams) {
  return queryOptions({
    queryKey: ['usage', name, params.toString()],
    queryFn: ({ signal }) => apiGet<T>(`/usage/${name}`, params, { signal }),
  })
}
