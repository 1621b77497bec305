import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { answer, keys } from '@/test/api'
import { eventPage, usageEvent } from '@/test/fixtures'
import { overviewAnswers } from '@/test/overview-answers'
import { renderApp } from '@/test/render'
import { paramsSentTo, server } from '@/test/server'

const FIRST = Array.from({ length: 50 }, (_, i) => usageEvent(i))
const SECOND = Array.from({ length: 50 }, (_, i) => usageEvent(50 + i))
const ONE_MODEL = [usageEvent(0), usageEvent(2), usageEvent(4)]

beforeEach(() => {
  server.use(
    keys({ 'viewer-key': 'viewer' }),
    ...overviewAnswers(),
    answer.get('/api/v1/usage/events', ({ params }) => {
      if (params.getAll('model').length > 0) return eventPage(ONE_MODEL)
      return params.get('cursor') === 'page-2' ? eventPage(SECOND, 130, 'page-3') : eventPage(FIRST, 130, 'page-2')
    }),
  )
})

const eventRequests = () => paramsSentTo('/usage/events')
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
    expect(screen.getByTestId('page-status')).toHaveTextContent(/^1–50 of 130/)
    expect(rows()[0]!.getAttribute('data-id')).toBe(FIRST[0]!.id)

    await user.click(within(pager()).getByRole('button', { name: 'Next →' }))
    await waitFor(() => expect(screen.getByTestId('page-status')).toHaveTextContent(/^51–100 of 130/))
    expect(eventRequests().at(-1)!.get('cursor')).toBe('page-2')
    expect(rows()[0]!.getAttribute('data-id')).toBe(SECOND[0]!.id)

    await user.click(within(pager()).getByRole('button', { name: '← Previous' }))
    await waitFor(() => expect(rows()[0]!.getAttribute('data-id')).toBe(FIRST[0]!.id))
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

  it('filters by a value clicked in a row, and shows what the API answers for it', async () => {
    const user = userEvent.setup()
    renderApp('/log?range=7d&tz=UTC', 'viewer-key')
    await screen.findByTestId('log-table')
    const model = within(rows()[0]!).getAllByRole('button')[1]!
    const name = model.textContent!
    expect(name).toBe(FIRST[0]!.model)
    await user.click(model)
    await waitFor(() => expect(eventRequests().at(-1)!.getAll('model')).toEqual([name]))
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-id'))).toEqual(ONE_MODEL.map((e) => e.id)))
  })

  it('exports the filtered log as CSV with the key', async () => {
    const user = userEvent.setup()
    const csv = 'id,time,provider,model\nevt_000001,2026-03-10T13:59:00Z,openai,gpt-4.1\n'
    let authorization: string | null = null
    server.use(
      answer.get('/api/v1/usage/export', ({ request }) => {
        authorization = request.headers.get('Authorization')
        return new HttpResponse(csv, {
          headers: { 'Content-Type': 'text/csv;charset=UTF-8', 'Content-Disposition': 'attachment; filename="tokenmeter-usage.csv"' },
        })
      }),
    )
    const created = vi.fn((_blob: Blob) => 'blob:csv')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }))
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    renderApp('/log?range=7d&tz=UTC&status=error', 'viewer-key')
    await screen.findByTestId('log-table')
    await user.click(screen.getByTestId('export'))
    await waitFor(() => expect(clicked).toHaveBeenCalled())
    expect(paramsSentTo('/usage/export').map(String)).toEqual(['range=7d&tz=UTC&status=error'])
    expect(authorization).toBe('Bearer viewer-key')
    expect(await created.mock.calls[0]![0].text()).toBe(csv)
  })
})
