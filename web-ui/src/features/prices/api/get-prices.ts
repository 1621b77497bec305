import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiGet } from '@/lib/api-client'
import type { PriceList } from '@/types/models'

/** The whole effective list (about a hundred models): search and provider filter run in the page, without a request per keystroke. */
export function getPrices(signal?: AbortSignal): Promise<PriceList> {
  return apiGet<PriceList>('/prices', undefined, { signal })
}

export const pricesQueryOptions = queryOptions({
  queryKey: ['prices', 'list'],
  queryFn: ({ signal }) => getPrices(signal),
  staleTime: 60_000,
})

export function usePrices() {
  return useQuery(pricesQueryOptions)
}
