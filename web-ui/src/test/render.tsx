import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { vi } from 'vitest'
import { App } from '@/app/App'
import { createQueryClient } from '@/app/query-client'
import { FakeApi } from './fake-api'

/** Routes the app's fetch calls to a fake API, as the browser would send them. */
export function useFakeFetch(api: FakeApi): void {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    const headers = new Headers(init?.headers)
    const answer = api.handle(url, headers.get('Authorization'), {
      method: init?.method,
      body: typeof init?.body === 'string' ? init.body : null,
    })
    const empty = answer.status === 204 || answer.status === 304
    return new Response(empty ? null : answer.body, {
      status: answer.status,
      headers: { 'Content-Type': answer.contentType, ...answer.headers },
    })
  })
}

/** Renders the whole app at `path`, signed in with `key` when given. */
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
