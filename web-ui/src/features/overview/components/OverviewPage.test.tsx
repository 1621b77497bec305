import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { keys } from '@/test/api'
import { row } from '@/test/fixtures'
import { overviewAnswers } from '@/test/overview-answers'
import { renderApp } from '@/test/render'
import { paramsSentTo, server } from '@/test/server'

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
    renderApp('/?range=30d&tz=UTC', 'viewer-key')
    await screen.findByTestId('overview')
    await waitFor(() => expect(document.querySelectorAll('[data-state=loading]')).toHaveLength(0))
    const by = paramsSentTo('/usage/breakdown').map((p) => p.get('by'))
    expect([...by].sort()).toEqual(['apiKey', 'endpoint', 'model', 'project', 'provider', 'serviceTier', 'user'])
    expect(paramsSentTo('/usage/summary')).toHaveLength(1)
  })
})
