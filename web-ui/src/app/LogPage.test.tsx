import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { demoEvents } from '@/test/demo-events'
import { FakeApi } from '@/test/fake-api'
import { renderApp, useFakeFetch } from '@/test/render'

const NOW = Date.parse('2026-03-10T15:00:00Z')
let api: FakeApi

beforeEach(() => {
  api = new FakeApi({ 'viewer-key': { events: demoEvents({ now: NOW, days: 10, perDay: 40 }) } }, () => NOW)
  useFakeFetch(api)
})

const eventRequests = () => api.requests.filter((u) => u.pathname === '/api/v1/usage/events').map((u) => u.searchParams)
// Role queries compute the accessible name and visibility of every candidate; over the whole page
// (50 rows of buttons) each took seconds in jsdom on the loaded machine (the sort test ran 17–31 s),
// so the tests look for the header's and the pager's controls there only.
const pager = () => screen.getByRole('navigation', { name: 'Log pages' })
const header = () => within(screen.getByTestId('log-table')).getAllByRole('row')[0]!
const rows = () => within(screen.getByTestId('log-table')).getAllByRole('row').slice(1)

describe('event log', () => {
  it('pages forward and back with cursors', async () => {
    const user = userEvent.setup()
    renderApp('/log?range=7d&tz=UTC', 'viewer-key')
    await screen.findByTestId('log-table')
    expect(rows()).toHaveLength(50)
    expect(screen.getByTestId('page-status')).toHaveTextContent(/^1–50 of /)
    const firstId = rows()[0]!.getAttribute('data-id')

    await user.click(within(pager()).getByRole('button', { name: 'Next →' }))
    await waitFor(() => expect(screen.getByTestId('page-status')).toHaveTextContent(/^51–100 of /))
    expect(eventRequests().at(-1)!.get('cursor')).toBeTruthy()
    expect(rows()[0]!.getAttribute('data-id')).not.toBe(firstId)

    await user.click(within(pager()).getByRole('button', { name: '← Previous' }))
    await waitFor(() => expect(rows()[0]!.getAttribute('data-id')).toBe(firstId))
  })

  it('sorts by a column, flips it, and keeps the order in the URL', async () => {
    const user = userEvent.setup()
    renderApp('/log?range=7d&tz=UTC', 'viewer-key')
    await screen.findByTestId('log-table')
    await user.click(within(header()).getByRole('button', { name: /^Cost/ }))
    await waitFor(() => expect(eventRequests().at(-1)!.get('sort')).toBe('cost'))
    expect(new URLSearchParams(window.location.search).get('sort')).toBe('cost')
    expect(within(header()).getByRole('columnheader', { name: /Cost/ })).toHaveAttribute('aria-sort', 'descending')

    await user.click(within(header()).getByRole('button', { name: /^Cost/ }))
    await waitFor(() => expect(eventRequests().at(-1)!.get('order')).toBe('asc'))
    expect(within(header()).getByRole('columnheader', { name: /Cost/ })).toHaveAttribute('aria-sort', 'ascending')
  })

  it('filters by a value clicked in a row', async () => {
    const user = userEvent.setup()
    renderApp('/log?range=7d&tz=UTC', 'viewer-key')
    await screen.findByTestId('log-table')
    const model = within(rows()[0]!).getAllByRole('button')[1]!
    const name = model.textContent!
    await user.click(model)
    await waitFor(() => expect(eventRequests().at(-1)!.getAll('model')).toEqual([name]))
    await waitFor(() => rows().forEach((row) => expect(row).toHaveTextContent(name)))
  })

  it('exports the filtered log as CSV with the key', async () => {
    const user = userEvent.setup()
    const created = vi.fn((_blob: Blob) => 'blob:csv')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }))
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    renderApp('/log?range=7d&tz=UTC&status=error', 'viewer-key')
    await screen.findByTestId('log-table')
    await user.click(screen.getByTestId('export'))
    await waitFor(() => expect(clicked).toHaveBeenCalled())
    const exported = api.requests.find((u) => u.pathname === '/api/v1/usage/export')!
    expect(exported.searchParams.toString()).toBe('range=7d&tz=UTC&status=error')
    const csv = await created.mock.calls[0]![0].text()
    expect(csv.split('\n')[0]).toMatch(/^id,time,/)
    expect(csv).not.toMatch(/,success,/)
  })
})
