import { useMutation } from '@tanstack/react-query'
import { apiDownload } from '@/lib/api-client'
import { toApiParams, type DashboardQuery } from '@/lib/url-state'

/** The filtered log as CSV, fetched with the key (a plain link could not send it) and saved as a file. */
export async function exportEvents(query: DashboardQuery): Promise<string> {
  const { blob, filename } = await apiDownload('/usage/export', toApiParams(query), 'tokenmeter-usage.csv')
  const url = URL.createObjectURL(blob)
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = filename
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  return filename
}

export function useExportEvents() {
  return useMutation({ mutationFn: exportEvents })
}
