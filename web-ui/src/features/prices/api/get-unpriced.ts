import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { UnpricedList } from '@/types/models'

/** Models seen without a price, over all time, most events first. */
export function getUnpriced(signal?: AbortSignal): Promise<UnpricedList> {
  return apiGet<UnpricedList>('/prices/unpriced', undefined, { signal })
}

export const unpricedQueryOptions = queryOptions({
  queryKey: ['prices', 'unpriced'],
  queryFn: ({ signal }) => getUnpriced(signal),
})

export function useUnpriced() {
  return useQuery(unpricedQueryOptions)
}
