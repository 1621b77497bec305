import { useCallback, useMemo } from 'react'
import { readDashboard, withFilter, withoutFilter, writeDashboard, type DashboardQuery, type FilterKey } from './url-state'
import { navigate, useLocation } from './router'

export const browserZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

/** The dashboard state from the URL, and setters that push a new history entry (so back works). */
export function useDashboardQuery() {
  const { pathname, search } = useLocation()
  const query = useMemo(() => readDashboard(new URLSearchParams(search), browserZone), [search])

  const setQuery = useCallback((next: DashboardQuery) => {
    const params = writeDashboard(new URLSearchParams(window.location.search), next, browserZone)
    params.delete('cursor')
    const text = params.toString()
    navigate(`${window.location.pathname}${text ? `?${text}` : ''}`)
  }, [])
  const addFilter = useCallback((dimension: FilterKey, value: string) => setQuery(withFilter(query, dimension, value)), [query, setQuery])
  const removeFilter = useCallback(
    (dimension: FilterKey, value?: string) => setQuery(withoutFilter(query, dimension, value)),
    [query, setQuery],
  )
  return { query, pathname, setQuery, addFilter, removeFilter }
}

/** Page-specific URL parameters (the log's sort, the cost chart's grouping), kept beside the dashboard's. */
export function usePageParams(): [
  URLSearchParams,
  (patch: Record<string, string | string[] | null>, options?: { replace?: boolean }) => void,
] {
  const { search } = useLocation()
  const params = useMemo(() => new URLSearchParams(search), [search])
  const set = useCallback((patch: Record<string, string | string[] | null>, options: { replace?: boolean } = {}) => {
    const next = new URLSearchParams(window.location.search)
    for (const [name, value] of Object.entries(patch)) {
      next.delete(name)
      if (Array.isArray(value)) {
        value.forEach((v) => next.append(name, v))
      } else if (value !== null) {
        next.set(name, value)
      }
    }
    const text = next.toString()
    navigate(`${window.location.pathname}${text ? `?${text}` : ''}`, options)
  }, [])
  return [params, set]
}
