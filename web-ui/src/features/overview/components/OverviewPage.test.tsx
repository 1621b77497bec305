import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { demoEvents } from '@/test/demo-events'
import { FakeApi } from '@/test/fake-api'
import { renderApp, useFakeFetch } from '@/test/render'

const NOW = Date.parse('2026-03-10T15:00:00Z')
let api: FakeApi

beforeEach(() => {
  api = new FakeApi({ 'viewer-key': { events: demoEvents({ now: NOW, days: 20, perDay: 60 }) } }, () => NOW)
  useFakeFetch(api)
})

function requestsTo(path: string): URL[] {
  return api.requests.filter((u) => u.pathname === `/api/v1${path}`)
}

describe('overview requests on a cold load', () => {
  it('asks for the tag keys (a raw-event scan) only when the breakdown key picker is opened', async () => {
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const panel = await screen.findByTestId('breakdown-group')
    await waitFor(() => expect(panel).toHaveAttribute('data-state', 'ready'))
    // Every panel has its answer: the keys would have been asked for by now.
    await waitFor(() => expect(document.querySelectorAll('[data-state=loading]')).toHaveLength(0))
    expect(requestsTo('/usage/tag-keys')).toHaveLength(0)

    const picker = within(panel).getByTestId('breakdown-by')
    act(() => picker.focus())
    expect(await within(picker).findByRole('option', { name: 'by tag env' }, { timeout: 10_000 })).toBeInTheDocument()
    expect(requestsTo('/usage/tag-keys')).toHaveLength(1)
  })

  it('asks once for the summary that the cards, the bar notes and the key table share, and once per breakdown', async () => {
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    await waitFor(() => expect(screen.getByTestId('table-keys')).toHaveAttribute('data-state', 'ready'))
    await waitFor(() => expect(screen.getByTestId('chart-projects')).toHaveAttribute('data-state', 'ready'))
    const by = requestsTo('/usage/breakdown').map((u) => u.searchParams.get('by'))
    expect([...by].sort()).toEqual(['apiKey', 'endpoint', 'model', 'project', 'provider', 'serviceTier', 'user'])
    expect(requestsTo('/usage/summary')).toHaveLength(1)
  })
})
