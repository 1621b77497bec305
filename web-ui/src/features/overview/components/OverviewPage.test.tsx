import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { passthrough } from 'msw'
import { navigate } from '@/lib/router'
import { answer, keys } from '@/test/api'
import { breakdown, forecast, periods, row, summary, threeDays } from '@/test/fixtures'
import { overviewAnswers } from '@/test/overview-answers'
import { renderApp } from '@/test/render'
import { paramsSentTo, sent, server } from '@/test/server'

beforeEach(() => {
  server.use(
    keys({ 'viewer-key': 'viewer' }),
    ...overviewAnswers({ breakdowns: { user: [row('u_1', { costUsd: 3 })] }, tagKeys: ['env', 'team'] }),
  )
})

describe('overview requests on a cold load', () => {
  it('asks for the tag keys (a raw-event scan) only when the breakdown key picker is opened', async () => {
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const panel = await screen.findByTestId('breakdown-group')
    // Every panel has its answer: the keys would have been asked for by now.
    await waitFor(() => expect(document.querySelectorAll('[data-state=loading]')).toHaveLength(0))
    expect(panel).toHaveAttribute('data-state', 'ready')
    expect(paramsSentTo('/usage/tag-keys')).toHaveLength(0)

    const picker = within(panel).getByTestId('breakdown-by')
    act(() => picker.focus())
    expect(await within(picker).findByRole('option', { name: 'by tag env' })).toBeInTheDocument()
    expect(paramsSentTo('/usage/tag-keys')).toHaveLength(1)
  })

  it('asks once for the summary that the cards, the bar notes and the key table share, and once per breakdown', async () => {
    // No IntersectionObserver in jsdom: the breakdown by user counts as in view at once.
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    await screen.findByTestId('overview')
    await waitFor(() => expect(document.querySelectorAll('[data-state=loading]')).toHaveLength(0))
    const by = paramsSentTo('/usage/breakdown').map((p) => p.get('by'))
    expect([...by].sort()).toEqual(['apiKey', 'endpoint', 'model', 'project', 'provider', 'serviceTier', 'user'])
    expect(paramsSentTo('/usage/summary')).toHaveLength(1)
  })

  it('asks once for the timeline, with the previous period in the same answer', async () => {
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    await screen.findByTestId('overview')
    await waitFor(() => expect(document.querySelectorAll('[data-state=loading]')).toHaveLength(0))
    const timelines = paramsSentTo('/usage/timeline')
    expect(timelines).toHaveLength(1)
    expect(timelines[0]!.get('compare')).toBe('previous')
    expect(timelines[0]!.get('range')).toBe('30d')
  })
})

/** A promise a test resolves when it chooses: an answer held back until then. */
function hold() {
  let release = () => {}
  const promise = new Promise<void>((resolve) => {
    release = resolve
  })
  return { promise, release }
}

/**
 * Holds back the answers to the given first-screen requests (a path such as `/usage/summary`, or a
 * breakdown's `by`) until the test releases them; the others of these paths are answered at once,
 * with the default fixtures (the breakdown by user with one row).
 */
function holdFirstScreen(names: string[]) {
  const holds = new Map(names.map((name) => [name, hold()]))
  const waitFor = async (name: string) => await holds.get(name)?.promise
  const answered = new Set<string>()
  server.use(
    answer.get('/api/v1/usage/summary', async () => (await waitFor('/usage/summary'), summary())),
    answer.get('/api/v1/usage/timeline', async () => (await waitFor('/usage/timeline'), threeDays())),
    answer.get('/api/v1/usage/periods', async () => (await waitFor('/usage/periods'), periods())),
    answer.get('/api/v1/usage/forecast', async () => (await waitFor('/usage/forecast'), forecast())),
    answer.get('/api/v1/usage/errors', async () => (await waitFor('/usage/errors'), { items: [] })),
    answer.get('/api/v1/usage/breakdown', async ({ params }) => {
      const by = params.get('by') ?? ''
      await waitFor(by)
      return { ...breakdown(by === 'user' ? [row('u_1', { costUsd: 3 })] : []), by }
    }),
  )
  return {
    release(name: string) {
      answered.add(name)
      holds.get(name)?.release()
    },
    releaseAll() {
      names.forEach((name) => this.release(name))
    },
    /** The held names not released yet, in the order given. */
    pending: () => names.filter((name) => !answered.has(name)),
  }
}

/** An IntersectionObserver the test drives: `show()` says every watched element came into view. */
function fakeIntersections() {
  const watched: { callback: IntersectionObserverCallback; elements: Element[]; observer: IntersectionObserver }[] = []
  class FakeObserver {
    private readonly entry: (typeof watched)[number]
    constructor(callback: IntersectionObserverCallback) {
      this.entry = { callback, elements: [], observer: this as unknown as IntersectionObserver }
      watched.push(this.entry)
    }
    observe(element: Element) {
      this.entry.elements.push(element)
    }
    disconnect() {
      this.entry.elements = []
    }
    unobserve() {}
    takeRecords() {
      return []
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeObserver)
  return {
    show() {
      for (const { callback, elements, observer } of watched) {
        const entries = elements.map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry)
        if (entries.length > 0) callback(entries, observer)
      }
    },
  }
}

describe('the breakdown by user or tag (raw events) on a cold load', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('is asked for once fewer than six requests are in flight, never ahead of a first-screen request, and shows only when its panel comes into view', async () => {
    const view = fakeIntersections()
    // Six first-screen requests held: every connection the browser would give this host is taken.
    const held = holdFirstScreen(['/usage/summary', '/usage/timeline', '/usage/periods', '/usage/forecast', '/usage/errors', 'apiKey'])
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const panel = await screen.findByTestId('breakdown-group')
    const asked = () => paramsSentTo('/usage/breakdown').map((p) => p.get('by'))
    const inFlight = () => sent.filter((s) => s.path.startsWith('/usage/') && s.status === null)
    const name = (s: (typeof sent)[number]) => (s.path === '/usage/breakdown' ? s.params.get('by') : s.path)
    // Every first-screen request but the six held has answered.
    await waitFor(() => expect(asked()).toHaveLength(6))
    await waitFor(() => expect(sent.filter((s) => s.path === '/usage/breakdown' && s.status !== null)).toHaveLength(5))
    expect(inFlight().map(name).sort()).toEqual([
      '/usage/errors',
      '/usage/forecast',
      '/usage/periods',
      '/usage/summary',
      '/usage/timeline',
      'apiKey',
    ])
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(asked()).not.toContain('user')

    // One answers: five are still out, all on the wire, so the sixth connection is free for it.
    held.release('/usage/summary')
    await waitFor(() => expect(asked()).toContain('user'))
    const isUser = (s: (typeof sent)[number]) => s.path === '/usage/breakdown' && s.params.get('by') === 'user'
    expect(inFlight().filter((s) => !isUser(s))).toHaveLength(5)
    expect(held.pending()).toEqual(['/usage/timeline', '/usage/periods', '/usage/forecast', '/usage/errors', 'apiKey'])
    await waitFor(() => expect(sent.filter((s) => s.path === '/usage/breakdown' && s.params.get('by') === 'user')[0]!.status).toBe(200))
    // Answered before any scroll, the panel stays idle (no loading state below the fold).
    expect(panel).toHaveAttribute('data-state', 'idle')
    expect(panel).not.toHaveAttribute('aria-busy')

    held.releaseAll()
    await waitFor(() => expect(inFlight()).toHaveLength(0))
    // Scrolled to: the answer already fetched shows at once, without asking again.
    act(() => view.show())
    expect(panel).toHaveAttribute('data-state', 'ready')
    expect(within(panel).getByRole('button', { name: /^User/ })).toBeInTheDocument()
    expect(asked().filter((by) => by === 'user')).toHaveLength(1)
  })

  it('shows its loading state when scrolled to before its answer is in', async () => {
    const view = fakeIntersections()
    const userHeld = hold()
    server.use(
      answer.get('/api/v1/usage/breakdown', async ({ params }) => {
        if (params.get('by') !== 'user') return passthrough()
        await userHeld.promise
        return { ...breakdown([row('u_1', { costUsd: 3 })]), by: 'user' }
      }),
    )
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const panel = await screen.findByTestId('breakdown-group')
    await waitFor(() => expect(paramsSentTo('/usage/breakdown').map((p) => p.get('by'))).toContain('user'))
    expect(panel).toHaveAttribute('data-state', 'idle')

    act(() => view.show())
    expect(panel).toHaveAttribute('data-state', 'loading')
    userHeld.release()
    expect(await within(panel).findByRole('button', { name: /^User/ })).toBeInTheDocument()
    expect(panel).toHaveAttribute('data-state', 'ready')
    expect(paramsSentTo('/usage/breakdown').filter((p) => p.get('by') === 'user')).toHaveLength(1)
  })

  it("is asked for again for a new range once fewer than six of that range's requests are in flight", async () => {
    fakeIntersections()
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const userRanges = () =>
      paramsSentTo('/usage/breakdown')
        .filter((p) => p.get('by') === 'user')
        .map((p) => p.get('range'))
    await waitFor(() => expect(userRanges()).toEqual(['30d']))

    // Six of the new range's requests held (the periods and the forecast do not follow the range: not asked again).
    const held = holdFirstScreen(['/usage/summary', '/usage/timeline', '/usage/errors', 'apiKey', 'provider', 'project'])
    act(() => navigate('/?range=7d&tz=UTC'))
    await waitFor(() => expect(paramsSentTo('/usage/summary').map((p) => p.get('range'))).toContain('7d'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(userRanges()).toEqual(['30d'])

    held.release('apiKey')
    await waitFor(() => expect(userRanges()).toEqual(['30d', '7d']))
    held.releaseAll()
    expect(screen.getByTestId('breakdown-group')).toHaveAttribute('data-state', 'idle')
  })

  it('loads from the keyboard without scrolling: its load button', async () => {
    fakeIntersections()
    const user = userEvent.setup()
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const panel = await screen.findByTestId('breakdown-group')
    const load = await within(panel).findByRole('button', { name: 'Load the breakdown' })
    load.focus()
    await user.keyboard('{Enter}')
    expect(await within(panel).findByRole('button', { name: /^User/ })).toBeInTheDocument()
    expect(paramsSentTo('/usage/breakdown').filter((p) => p.get('by') === 'user')).toHaveLength(1)
  })

  it('loads when its picker is focused', async () => {
    fakeIntersections()
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    const panel = await screen.findByTestId('breakdown-group')
    await within(panel).findByRole('button', { name: 'Load the breakdown' })
    act(() => within(panel).getByTestId('breakdown-by').focus())
    expect(await within(panel).findByRole('button', { name: /^User/ })).toBeInTheDocument()
    expect(panel).toHaveAttribute('data-state', 'ready')
  })
})
