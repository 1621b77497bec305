import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiGet, apiSend } from '@/lib/api-client'
import type { CreatedKey, KeyList } from '@/types/models'

export type KeyRole = 'admin' | 'viewer' | 'ingest'

export function getKeys(signal?: AbortSignal): Promise<KeyList> {
  return apiGet<KeyList>('/keys', undefined, { signal })
}

export const keysQueryOptions = queryOptions({ queryKey: ['keys'], queryFn: ({ signal }) => getKeys(signal) })

export function useKeys(enabled = true) {
  return useQuery({ ...keysQueryOptions, enabled })
}

/** Creates a key of the signed-in tenant; the answer holds the secret, which the API never shows again. */
export function useCreateKey() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (request: { name: string; role: KeyRole }) => (await apiSend<CreatedKey>('POST', '/keys', request))!,
    onSuccess: () => void client.invalidateQueries({ queryKey: ['keys'] }),
  })
}

export function useRevokeKey() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => apiSend<null>('DELETE', `/keys/${encodeURIComponent(id)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['keys'] }),
  })
}
