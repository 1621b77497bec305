import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiSend } from '@/lib/api-client'
import type { PriceItem, PriceOverride } from '@/types/models'

/** Sets the tenant's own price of a model (admin); answers the model's list item. */
export async function putPrice(body: PriceOverride): Promise<PriceItem> {
  return (await apiSend<PriceItem>('PUT', '/prices', body))!
}

/** Stored events keep their cost until re-priced, but the lists (unpriced "priced now", the price list) change at once. */
export function useSetPrice() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: putPrice,
    onSuccess: () => client.invalidateQueries({ queryKey: ['prices'] }),
  })
}
