import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiPost, RawJson } from '@/lib/api-client'
import type { PriceImportResult } from '@/types/models'

export interface ImportRequest {
  /** The file's text, sent as read. */
  file: string
  /** `litellm`, `genai-prices`, or empty to let the server tell by the JSON's shape. */
  format: string
  /** YYYY-MM-DD (midnight UTC) */
  effectiveFrom: string
  dryRun: boolean
}

/** `POST /prices/import` (admin): the diff of an open price file, applied unless a dry run. */
export function importPrices(request: ImportRequest): Promise<PriceImportResult> {
  const params = new URLSearchParams({ effectiveFrom: request.effectiveFrom, dryRun: String(request.dryRun) })
  if (request.format) params.set('format', request.format)
  return apiPost<PriceImportResult>('/prices/import', params, new RawJson(request.file))
}

/** An applied import changes the price list; a dry run changes nothing. */
export function useImportPrices() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: importPrices,
    onSuccess: (result) => (result.dryRun ? undefined : client.invalidateQueries({ queryKey: ['prices'] })),
  })
}
