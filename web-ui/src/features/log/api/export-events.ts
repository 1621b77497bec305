import { useMutation } from '@tanstack/react-query'
import { apiDownload } from '@/lib/api-client'
import { saveFile } from '@/lib/csv'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'

/** The filtered log as CSV, fetched with the key (a plain link could not send it) and saved as a file. */
export async function exportEvents(query: DashboardQuery): Promise<string> {
  const { blob, filename } = await apiDownload('/usage/export', toApiParams(query), 'tokenmeter-usage.csv')
  saveFile(blob, filename)
  return filename
}

export function useExportEvents() {
  return useMutation({ mutationFn: exportEvents })
}
