import { useId, useState, type ReactNode } from 'react'
import { isForbidden } from '@/lib/api-client'
import { channelLabel } from '@/lib/channels'
import { testSendText } from '@/lib/previews'
import type { BudgetChannel, TestSend } from '@/types/models'
import { Options } from './Options'
import './actions-panel.css'

/** What the panel reads of a mutation (TanStack Query's `useMutation` result fits). */
export interface Run<T> {
  isPending: boolean
  isSuccess: boolean
  isError: boolean
  data: T | undefined
  error: Error | null
}

function failure(error: Error | null, what: string): string {
  return isForbidden(error) ? `An admin key is needed to ${what}.` : `Could not ${what}: ${error?.message ?? 'unknown error'}`
}

function Failure({ run, what }: { run: Run<unknown>; what: string }) {
  return run.isError ? (
    <p className="form-error" role="alert">
      {failure(run.error, what)}
    </p>
  ) : null
}

/** A mutation the panel runs (TanStack Query's `useMutation` result fits). */
interface Action<T, V = void> extends Run<T> {
  mutate: (variables: V) => void
}

interface ActionsPanelProps<D, E> {
  /** The budget or rule: its name, for the panel's accessible name, and its channels. */
  source: { name: string; channels: BudgetChannel[] }
  testId: string
  /** The dry run (answering `D`), evaluate now (answering `E`) and send test of the source. */
  actions: { dryRun: Action<D>; evaluate: Action<E>; test: Action<TestSend, string> }
  /** What evaluate now answered, drawn in a notice. */
  evaluated: (result: E) => ReactNode
  /** What the dry run answered, drawn under its "nothing was sent" note. */
  dryRunView: (answer: D) => ReactNode
  dryRunNote: string
  dryRunAttributes?: (answer: D) => Record<`data-${string}`, string | boolean>
}

/**
 * Dry run, evaluate now and send test of a budget or rule, for admins: each answers in place with
 * what the API said, nothing is guessed.
 */
export function ActionsPanel<D, E>(props: ActionsPanelProps<D, E>) {
  const { source, testId } = props
  const { channels } = source
  const { dryRun, evaluate, test } = props.actions
  const [channel, setChannel] = useState(channels[0]?.id ?? '')
  const id = useId()
  return (
    <section className="actions-panel" aria-label={`${source.name}: dry run, evaluate and test`} data-testid={testId}>
      <div className="actions-panel-row">
        <button type="button" className="button" disabled={dryRun.isPending} onClick={() => dryRun.mutate()}>
          {dryRun.isPending ? 'Running…' : 'Dry run'}
        </button>
        <button type="button" className="button" disabled={evaluate.isPending} onClick={() => evaluate.mutate()}>
          {evaluate.isPending ? 'Evaluating…' : 'Evaluate now'}
        </button>
        {channels.length > 0 && (
          <span className="actions-panel-test">
            <label htmlFor={`${id}-channel`} className="small">
              Test channel
            </label>
            <select id={`${id}-channel`} className="select" value={channel} onChange={(e) => setChannel(e.target.value)}>
              <Options of={channels} value={(c) => c.id} label={channelLabel} />
            </select>
            <button type="button" className="button" disabled={test.isPending || !channel} onClick={() => test.mutate(channel)}>
              {test.isPending ? 'Sending…' : 'Send test'}
            </button>
          </span>
        )}
      </div>
      <div aria-live="polite">
        {evaluate.isSuccess && evaluate.data && (
          <div className="notice small" data-testid="evaluate-result">
            {props.evaluated(evaluate.data)}
          </div>
        )}
        <Failure run={evaluate} what="evaluate" />
        {test.isSuccess && test.data && (
          <p
            className={`notice small ${test.data.delivered ? 'is-good' : 'is-bad'}`}
            data-testid="test-result"
            data-delivered={test.data.delivered}
          >
            {testSendText(test.data)}
            {test.data.response && <span className="muted"> Receiver said: {test.data.response}</span>}
          </p>
        )}
        <Failure run={test} what="send a test" />
        <Failure run={dryRun} what="dry-run" />
      </div>
      {dryRun.isSuccess && dryRun.data && (
        <div
          className="dry-run"
          data-testid="dry-run"
          aria-label="Dry run: nothing was sent or recorded"
          {...props.dryRunAttributes?.(dryRun.data)}
        >
          <p className="muted small">{props.dryRunNote}</p>
          {props.dryRunView(dryRun.data)}
        </div>
      )}
    </section>
  )
}

interface PreviewCardProps {
  channelId: string
  format: string
  label: string
  /** The POST's URL, or the email's recipients. */
  target: string
  /** The header lines, or null where they are not shown. */
  headers: string[] | null
  email: { subject: string; text: string; html: string } | null
  body: string
  /** The card's heading level: one below the heading of the section it stands in. */
  heading?: 'h5' | 'h6'
}

/** One channel's exact payload: URL, headers and body of the POST, or the email's recipients, subject and parts. */
export function PreviewCard({ channelId, format, label, target, headers, email, body, heading: Heading = 'h5' }: PreviewCardProps) {
  return (
    <article className="preview" data-testid={`preview-${channelId}`} data-format={format}>
      <Heading>{label}</Heading>
      <dl className="preview-meta">
        <dt>{email ? 'To' : 'POST'}</dt>
        <dd data-field="url">{target}</dd>
        {email && (
          <>
            <dt>Subject</dt>
            <dd data-field="subject">{email.subject}</dd>
          </>
        )}
      </dl>
      {headers && (
        <details>
          <summary>Headers</summary>
          <pre className="preview-code" data-field="headers" tabIndex={0} aria-label="Headers">
            {headers.join('\n')}
          </pre>
        </details>
      )}
      {email ? (
        <>
          <pre className="preview-code" data-field="text" tabIndex={0} aria-label="Plain-text part">
            {email.text}
          </pre>
          <details>
            <summary>HTML part (source)</summary>
            <pre className="preview-code" data-field="html" tabIndex={0} aria-label="HTML part">
              {email.html}
            </pre>
          </details>
        </>
      ) : (
        <pre className="preview-code" data-field="body" tabIndex={0} aria-label="Body">
          {body}
        </pre>
      )}
    </article>
  )
}
