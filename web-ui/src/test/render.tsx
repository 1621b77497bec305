import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { App } from '@/app/App'
import { createQueryClient } from '@/app/query-client'
import { startPageRequests } from '@/app/start-requests'

/** The app's query client at `path` as main.tsx makes it, signed in with `key` when given, its first requests sent. */
export function startApp(path: string, key?: string) {
  window.history.replaceState(null, '', path)
  if (key) {
    window.sessionStorage.setItem('tokenmeter.apiKey', key)
  }
  const client = createQueryClient()
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } })
  // As main.tsx does: the page's first requests leave before it renders.
  startPageRequests(client)
  return client
}

/** Starts the app at `path` as main.tsx does (its first requests, then its render), signed in with `key` when given; its requests go to the test's MSW handlers. */
export function renderApp(path: string, key?: string) {
  const client = startApp(path, key)
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  )
}
