import type { QueryClient } from '@tanstack/react-query'
import { prefetchFirstScreen } from '@/features/overview/first-screen'
import { getApiKey } from '@/lib/auth'
import { readDashboard } from '@/lib/url-state'
import { browserZone } from '@/lib/use-dashboard-query'

/**
 * Asks for what the page at the current URL shows first, before React renders it (the overview's
 * first screen; other pages ask from their components). Signed out, nothing is asked.
 */
export function startPageRequests(client: QueryClient): void {
  const { pathname, search } = window.location
  if ((pathname === '/' || pathname === '/index.html') && getApiKey() !== null) {
    prefetchFirstScreen(client, readDashboard(new URLSearchParams(search), browserZone))
  }
}
