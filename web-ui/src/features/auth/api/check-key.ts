import { useMutation } from '@tanstack/react-query'
import { apiGet, ApiError } from '@/lib/api-client'
import { signIn } from '@/lib/auth'
import type { Values } from '@/types/api'

/** Asks the API one cheap question with the key: a key it does not accept is refused before it is stored. */
export async function checkKey(key: string): Promise<void> {
  await apiGet<Values>('/usage/values/provider', new URLSearchParams({ range: 'today', limit: '1' }), { key })
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
    mutationFn: async (key: string) => {
      await checkKey(key)
      return key
    },
    onSuccess: (key) => signIn(key),
  })
}
