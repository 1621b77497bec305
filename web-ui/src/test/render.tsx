import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { App } from '@/app/App'
import { createQueryClient } from '@/app/query-client'

/** Renders the whole app at `path`, signed in with `key` when given; its requests go to the test's MSW handlers. */
export function renderApp(path: string, key?: string) {
  window.history.replaceState(null, '', path)
  if (key) {
    window.sessionStorage.setItem('tokenmeter.apiKey', key)
  }
  const client = createQueryClient()
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } })
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  )
}
