import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { answer, keys, noContent, problem, writes } from '@/test/api'
import { renderApp } from '@/test/render'
import { HOOK, MAIL, anomalyBody, anomalyWatch, delivery, digestRule, firedBody, noRules, notice, usageRule } from '@/test/rule-fixtures'
import { server } from '@/test/server'
import type { NoticeDryRun } from '@/types/rules'

const SECRET = 'a-secret-of-16-chars'
const RULE = usageRule()
const FIRED = notice('ntc_1', RULE.id, firedBody(RULE.id), '2026-03-10T14:00:00Z', [delivery('ntc_1', HOOK.id)])

beforeEach(() => {
  server.use(keys({ 'admin-key': 'admin', 'viewer-key': 'viewer' }), answer.get('/api/v1/keys', { items: [] }), ...noRules())
})

// The pages load lazily; a test worker's first import of one can outlast findBy's second (see BudgetsPage.test.tsx).
beforeAll(async () => {
  await Promise.all([import('@/features/rules/components/RulesPage'), import('@/features/alerts/components/AlertsPage')])
})

const search = () => new URLSearchParams(window.location.search)
/** Whether the UI has sent a `method` to `path` (without `/api/v1`) yet: lists answer what the service would after it. */
const wrote = (method: string, path: string) => writes.some((w) => w.method === method && w.path === path)

describe('rules page', () => {
  it('checks the form and creates an error-rate rule with a webhook, sending the rate as 0-1', async () => {
    const user = userEvent.setup()
    const created = usageRule({ clearThreshold: 0.2, channels: [HOOK] })
    server.use(
      answer.get('/api/v1/rules', () => ({ items: wrote('POST', '/rules') ? [created] : [] })),
      answer.post('/api/v1/rules', created, { status: 201 }),
    )
    renderApp('/rules', 'admin-key')
    await waitFor(() => expect(screen.getByTestId('rules-rules')).toHaveAttribute('data-state', 'empty'))
    expect(screen.getByRole('link', { name: 'Rules' })).toHaveAttribute('aria-current', 'page')
    await user.click(screen.getByRole('button', { name: 'New usage rule' }))
    expect(search().get('edit')).toBe('new-rules')
    const form = screen.getByTestId('rule-form')
    await user.clear(within(form).getByLabelText('Threshold (%)'))
    await user.type(within(form).getByLabelText('Threshold (%)'), '150')
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }))
    await user.type(within(form).getByLabelText('Webhook 1 URL'), 'https://hooks.example.com/ok')
    await user.click(within(form).getByRole('button', { name: 'Create usage rule' }))
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription('A name is required')
    expect(within(form).getByLabelText('Threshold (%)')).toHaveAccessibleDescription('A percent from 0 to 100, e.g. 5')
    expect(within(form).getByText('A json webhook needs a secret (16+ characters): it signs every delivery')).toBeInTheDocument()
    expect(writes).toEqual([])

    await user.type(within(form).getByLabelText('Name'), 'Error rate')
    await user.selectOptions(within(form).getByLabelText('Window'), '5m')
    await user.clear(within(form).getByLabelText('Threshold (%)'))
    await user.type(within(form).getByLabelText('Threshold (%)'), '50')
    await user.type(within(form).getByLabelText('Clear threshold (%)'), '20')
    await user.type(within(form).getByLabelText('Webhook 1 secret'), SECRET)
    await user.click(within(form).getByRole('button', { name: 'Create usage rule' }))
    await waitFor(() => expect(screen.queryByTestId('rule-form')).toBeNull())
    expect(writes).toEqual([
      {
        method: 'POST',
        path: '/rules',
        body: {
          name: 'Error rate',
          scope: {},
          enabled: true,
          window: '5m',
          measure: 'errorRate',
          comparison: 'above',
          threshold: 0.5,
          clearThreshold: 0.2,
          clearAfter: 1,
          channels: [{ url: 'https://hooks.example.com/ok', format: 'json', secret: SECRET }],
        },
      },
    ])
    const id = created.id
    expect(search().get('rule')).toBe(id)
    const card = await screen.findByTestId(`rule-${id}`)
    await waitFor(() => expect(card.querySelector('[data-field=state]')).toHaveTextContent('OK'))
    expect(card.querySelector('[data-field=settings]')).toHaveTextContent('Error rate above 50% over 5m; resolves at or below 20%')
    expect(card.querySelector('[data-field=last-notice]')).toHaveTextContent('No notice yet')
  })

  it('shows a firing rule, draws the dry run’s payloads, and reports evaluate and test send', async () => {
    const user = userEvent.setup()
    const rule = RULE
    const [hook, email] = [HOOK, MAIL]
    const body = JSON.stringify({ ...firedBody(rule.id), id: 'ntc_preview' })
    const dryRunAnswer: NoticeDryRun = {
      status: { value: 0.6, windowFrom: '2026-03-10T14:55:00Z', windowTo: '2026-03-10T15:00:00Z', firing: false, transition: 'fire' },
      wouldSend: {
        type: 'rule.fired',
        notice: { ...firedBody(rule.id), id: 'ntc_preview' },
        deliveries: [
          {
            channelId: hook!.id,
            format: 'json',
            url: 'https://hooks.example.com/ok',
            headers: { 'X-Tokenmeter-Delivery': 'dlv_preview', 'X-Tokenmeter-Signature': 'sha256=abc' },
            body,
          },
          {
            channelId: email!.id,
            format: 'email',
            url: 'mailto:ops@example.com',
            headers: {},
            body: JSON.stringify({ subject: 'Rule fired: Error rate', text: 'Error rate is 60%', html: '<p>Error rate is 60%</p>' }),
          },
        ],
      },
      alreadyRaised: false,
    }
    const testSend = {
      channelId: email!.id,
      format: 'email',
      deliveryId: 'dlv_test',
      delivered: true,
      statusCode: 250,
      response: null,
      error: null,
    }
    server.use(
      answer.get('/api/v1/rules', { items: [rule] }),
      answer.get('/api/v1/notices', { items: [FIRED] }),
      answer.get('/api/v1/rules/{id}/notices', { items: [FIRED] }),
      answer.post('/api/v1/rules/{id}/dry-run', dryRunAnswer),
      answer.post('/api/v1/rules/{id}/evaluate', { raised: 1, status: dryRunAnswer.status }),
      answer.post('/api/v1/rules/{id}/test', ({ params }) =>
        params.get('channel') === email!.id ? testSend : problem(400, `is not a channel of ${rule.id}`, 'channel'),
      ),
    )

    renderApp(`/rules?rule=${rule.id}`, 'admin-key')
    const card = await screen.findByTestId(`rule-${rule.id}`)
    await waitFor(() => expect(card.querySelector('[data-field=state]')).toHaveTextContent('Firing'))
    const actions = await screen.findByTestId('rule-actions')
    await user.click(within(actions).getByRole('button', { name: 'Dry run' }))
    const dryRun = await within(actions).findByTestId('dry-run')
    expect(dryRun.querySelector('[data-field=title]')).toHaveTextContent('Would send: Fired: error rate 60% above 50% over 5m')
    const webhook = within(dryRun).getByTestId(`preview-${hook!.id}`)
    expect(webhook.querySelector('[data-field=url]')).toHaveTextContent('https://hooks.example.com/ok')
    expect(webhook.querySelector('[data-field=headers]')!.textContent).toBe(
      'X-Tokenmeter-Delivery: dlv_preview\nX-Tokenmeter-Signature: sha256=abc',
    )
    expect(webhook.querySelector('[data-field=body]')!.textContent).toBe(body)
    const mail = within(dryRun).getByTestId(`preview-${email!.id}`)
    expect(mail.querySelector('[data-field=url]')).toHaveTextContent('ops@example.com')
    expect(mail.querySelector('[data-field=subject]')).toHaveTextContent('Rule fired: Error rate')
    expect(mail.querySelector('[data-field=text]')!.textContent).toBe('Error rate is 60%')
    expect(mail.querySelector('[data-field=html]')!.textContent).toBe('<p>Error rate is 60%</p>')
    expect(within(dryRun).getByTestId('dry-run-figures')).toHaveTextContent('Evaluating nowfires')

    // Evaluate now from the keyboard.
    within(actions).getByRole('button', { name: 'Evaluate now' }).focus()
    await user.keyboard('{Enter}')
    expect(await within(actions).findByTestId('evaluate-result')).toHaveTextContent(
      'Evaluated now: raised 1 notice; their deliveries are on the Alerts page.',
    )
    await user.selectOptions(within(actions).getByLabelText('Test channel'), email!.id)
    await user.click(within(actions).getByRole('button', { name: 'Send test' }))
    expect(await within(actions).findByTestId('test-result')).toHaveTextContent('Test delivered (SMTP 250), delivery dlv_test.')
    expect(writes.map((w) => w.path)).toEqual([`/rules/${rule.id}/dry-run`, `/rules/${rule.id}/evaluate`, `/rules/${rule.id}/test`])

    const recent = screen.getByTestId('rule-notices')
    expect(within(recent).getByText('Fired: error rate 60% above 50% over 5m')).toBeInTheDocument()
    expect(within(recent).getByText('Delivered')).toHaveAttribute('data-state', 'delivered')
  })

  it('creates a digest and an anomaly watch with their own settings', async () => {
    const user = userEvent.setup()
    const created = digestRule({ name: 'Monday digest', day: 'friday', channels: [{ ...MAIL, recipients: ['finops@example.com'] }] })
    const watch = anomalyWatch({ name: 'Spend spike', granularity: 'hour', minSpendUsd: 25, channels: [] })
    server.use(
      answer.get('/api/v1/digests', () => ({ items: wrote('POST', '/digests') ? [created] : [] })),
      answer.post('/api/v1/digests', created, { status: 201 }),
      answer.get('/api/v1/anomalies', () => ({ items: wrote('POST', '/anomalies') ? [watch] : [] })),
      answer.post('/api/v1/anomalies', watch, { status: 201 }),
    )
    renderApp('/rules?edit=new-digests', 'admin-key')
    let form = await screen.findByTestId('rule-form')
    await user.type(within(form).getByLabelText('Name'), 'Monday digest')
    await user.selectOptions(within(form).getByLabelText('Day'), 'friday')
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'UTC')
    await user.click(within(form).getByRole('button', { name: 'Add email' }))
    await user.type(within(form).getByLabelText('Email 1 recipients'), 'finops@example.com')
    await user.click(within(form).getByRole('button', { name: 'Create digest' }))
    await waitFor(() => expect(screen.queryByTestId('rule-form')).toBeNull())
    expect(writes[0]).toMatchObject({
      method: 'POST',
      path: '/digests',
      body: {
        name: 'Monday digest',
        cadence: 'weekly',
        day: 'friday',
        at: '09:00',
        tz: 'UTC',
        topMovers: 5,
        channels: [{ type: 'email', recipients: ['finops@example.com'] }],
      },
    })
    const digest = await screen.findByTestId(`rule-${created.id}`)
    await waitFor(() => expect(digest.querySelector('[data-field=state]')).toHaveTextContent('Scheduled'))
    expect(digest.querySelector('[data-field=settings]')).toHaveTextContent('Weekly on Friday at 09:00 UTC; top 5 movers')

    await user.click(screen.getByRole('button', { name: 'New anomaly watch' }))
    form = await screen.findByTestId('rule-form')
    await user.type(within(form).getByLabelText('Name'), 'Spend spike')
    await user.selectOptions(within(form).getByLabelText('Compare'), 'hour')
    await user.clear(within(form).getByLabelText('Minimum spend (USD)'))
    await user.type(within(form).getByLabelText('Minimum spend (USD)'), '25')
    await user.click(within(form).getByRole('button', { name: 'Create anomaly watch' }))
    await waitFor(() => expect(screen.queryByTestId('rule-form')).toBeNull())
    expect(writes[1]).toMatchObject({
      method: 'POST',
      path: '/anomalies',
      body: { name: 'Spend spike', granularity: 'hour', k: 3, minSpendUsd: 25 },
    })
    expect(await within(screen.getByTestId('rules-anomalies')).findByText('Spend spike')).toBeInTheDocument()
  })

  it('edits a rule keeping its channels by id, and deletes it after a confirmation', async () => {
    const user = userEvent.setup()
    const rule = RULE
    const edited = usageRule({ threshold: 0.25, clearThreshold: 0.25, enabled: false })
    const path = `/rules/${rule.id}`
    server.use(
      answer.get('/api/v1/rules', () => ({ items: wrote('DELETE', path) ? [] : wrote('PUT', path) ? [edited] : [rule] })),
      answer.put('/api/v1/rules/{id}', edited),
      answer.delete('/api/v1/rules/{id}', noContent()),
    )
    renderApp(`/rules?rule=${rule.id}`, 'admin-key')
    const detail = await screen.findByTestId('rule-detail')
    await user.click(within(detail).getByRole('button', { name: 'Edit' }))
    const form = await screen.findByTestId('rule-form')
    expect(within(form).getByLabelText('Threshold (%)')).toHaveValue('50')
    expect(within(form).getByLabelText('Webhook 1 secret')).toHaveAttribute('placeholder', 'Keep the secret')
    await user.clear(within(form).getByLabelText('Threshold (%)'))
    await user.type(within(form).getByLabelText('Threshold (%)'), '25')
    await user.click(within(form).getByLabelText(/^Enabled/))
    await user.click(within(form).getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(screen.queryByTestId('rule-form')).toBeNull())
    expect(writes.at(-1)).toMatchObject({
      method: 'PUT',
      path: `/rules/${rule.id}`,
      body: {
        threshold: 0.25,
        enabled: false,
        channels: [
          { id: rule.channels[0]!.id, url: 'https://hooks.example.com/ok' },
          { id: rule.channels[1]!.id, type: 'email' },
        ],
      },
    })
    const card = screen.getByTestId(`rule-${rule.id}`)
    await waitFor(() => expect(card.querySelector('[data-field=state]')).toHaveTextContent('Paused'))

    await user.click(within(screen.getByTestId('rule-detail')).getByRole('button', { name: 'Delete…' }))
    await user.click(within(screen.getByTestId('rule-detail')).getByRole('button', { name: 'Delete with its notices' }))
    await waitFor(() => expect(screen.getByTestId('rules-rules')).toHaveAttribute('data-state', 'empty'))
    expect(writes.at(-1)).toEqual({ method: 'DELETE', path, body: undefined })
  })

  it('shows a viewer the rules and their state without any change or action', async () => {
    const user = userEvent.setup()
    // A viewer sees a webhook's scheme, host and port only, as the service masks them.
    const rule = usageRule({ channels: [{ ...HOOK, url: 'https://hooks.example.com/…' }, MAIL] })
    const fired = notice('ntc_1', rule.id, firedBody(rule.id), '2026-03-10T14:00:00Z', [])
    server.use(
      answer.get('/api/v1/rules', { items: [rule] }),
      answer.get('/api/v1/notices', { items: [fired] }),
      answer.get('/api/v1/rules/{id}/notices', { items: [fired] }),
    )
    renderApp('/rules', 'viewer-key')
    expect(await screen.findByTestId('read-only')).toHaveTextContent('needs an admin key')
    expect(screen.queryByRole('button', { name: 'New usage rule' })).toBeNull()
    const card = await screen.findByTestId(`rule-${rule.id}`)
    await waitFor(() => expect(card.querySelector('[data-field=state]')).toHaveTextContent('Firing'))
    await user.click(within(card).getByRole('button', { name: 'Error rate' }))
    const detail = await screen.findByTestId('rule-detail')
    expect(within(detail).queryByRole('button', { name: 'Edit' })).toBeNull()
    expect(screen.queryByTestId('rule-actions')).toBeNull()
  })
})

describe('notices on the Alerts page', () => {
  it('lists every notice with each channel’s delivery, filtered by rule and channel through the URL', async () => {
    const user = userEvent.setup()
    const rule = RULE
    const watch = anomalyWatch()
    const [hook, email] = [HOOK, MAIL]
    const notices = [
      notice('ntc_1', rule.id, firedBody(rule.id), '2026-03-10T14:00:00Z', [
        delivery('ntc_1', hook!.id, { state: 'failed', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500', deliveredAt: null }),
        delivery('ntc_1', email!.id, { format: 'email', lastStatusCode: 250 }),
      ]),
      notice('ntc_2', watch.id, anomalyBody(watch.id), '2026-03-10T14:30:00Z', [
        delivery('ntc_2', watch.channels[0]!.id, { format: 'slack' }),
      ]),
    ].reverse()
    server.use(
      answer.get('/api/v1/budgets', { items: [] }),
      answer.get('/api/v1/alerts', { items: [] }),
      answer.get('/api/v1/rules', { items: [rule] }),
      answer.get('/api/v1/anomalies', { items: [watch] }),
      // Newest first, as the service answers; the error rule's own notices are ntc_1 alone.
      answer.get('/api/v1/notices', { items: notices }),
      answer.get('/api/v1/rules/{id}/notices', ({ path }) =>
        path.id === rule.id ? { items: [notices[1]!] } : problem(404, `No rule ${path.id}`),
      ),
    )
    renderApp('/alerts?tz=UTC', 'admin-key')
    await waitFor(() => expect(screen.getByTestId('notice-list')).toHaveAttribute('data-state', 'ready'))
    expect(screen.getAllByTestId(/^notice-ntc_/).map((e) => e.getAttribute('data-testid'))).toEqual(['notice-ntc_2', 'notice-ntc_1'])
    const fired = within(screen.getByTestId('notice-ntc_1'))
    expect(fired.getByText('Fired: error rate 60% above 50% over 5m')).toBeInTheDocument()
    expect(fired.getByText('Retrying', { selector: '[data-field=delivery]' })).toBeInTheDocument()
    const failing = within(screen.getByTestId(`delivery-dlv_ntc_1_${hook!.id}`))
    expect(failing.getByText('JSON webhook https://hooks.example.com/ok')).toBeInTheDocument()
    expect(failing.getByText('500')).toBeInTheDocument()
    expect(failing.getByText('HTTP 500')).toBeInTheDocument()
    expect(
      within(screen.getByTestId('notice-ntc_2')).getByText('Spend anomaly: $50.00 today so far, expected at most $1.30'),
    ).toBeInTheDocument()

    await user.selectOptions(screen.getByLabelText('Rule'), rule.id)
    expect(search().get('rule')).toBe(rule.id)
    await waitFor(() => expect(screen.queryByTestId('notice-ntc_2')).not.toBeInTheDocument())
    const channel = screen.getByLabelText('Rule channel')
    expect(
      within(channel)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All channels', 'Error rate · JSON webhook https://hooks.example.com/ok', 'Error rate · Email to ops@example.com'])
    await user.selectOptions(channel, email!.id)
    expect(search().get('ruleChannel')).toBe(email!.id)
    await waitFor(() => expect(screen.queryByTestId(`delivery-dlv_ntc_1_${hook!.id}`)).not.toBeInTheDocument())
    expect(within(screen.getByTestId('notice-ntc_1')).getByText('Delivered', { selector: '[data-field=delivery]' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Show all notices' }))
    await waitFor(() => expect(screen.getAllByTestId(/^notice-ntc_/)).toHaveLength(2))
  })
})
