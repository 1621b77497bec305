import { useId, useState } from 'react'
import { isForbidden } from '@/lib/api-client'
import type { Budget, ChannelPreview } from '@/types/models'
import { useDryRun, useEvaluateBudget, useTestChannel } from '../api/budget-actions'
import { alreadyRaisedText, channelLabel, evaluateText, headerLines, previewSections, testSendText } from '../prepare/actions'
import './budget-actions.css'

function failure(error: Error, what: string): string {
  return isForbidden(error) ? `An admin key is needed to ${what}.` : `Could not ${what}: ${error.message}`
}

/** One channel's exact payload: URL, headers and body of the POST, or the email's subject and parts. */
function Preview({ preview, label }: { preview: ChannelPreview; label: string }) {
  return (
    <article className="preview" data-testid={`preview-${preview.channelId}`} data-format={preview.format}>
      <h6>{label}</h6>
      <dl className="preview-meta">
        <dt>{preview.format === 'email' ? 'To' : 'POST'}</dt>
        <dd data-field="url">{preview.format === 'email' ? (preview.to ?? []).join(', ') : preview.url}</dd>
        {preview.email && (
          <>
            <dt>Subject</dt>
            <dd data-field="subject">{preview.email.subject}</dd>
          </>
        )}
      </dl>
      <details>
        <summary>Headers</summary>
        <pre className="preview-code" data-field="headers">
          {headerLines(preview).join('\n')}
        </pre>
      </details>
      {preview.email ? (
        <>
          <pre className="preview-code" data-field="text" aria-label="Plain-text part">
            {preview.email.text}
          </pre>
          <details>
            <summary>HTML part (source)</summary>
            <pre className="preview-code" data-field="html">
              {preview.email.html}
            </pre>
          </details>
        </>
      ) : (
        <pre className="preview-code" data-field="body" aria-label="Body">
          {preview.body}
        </pre>
      )}
    </article>
  )
}

/** Dry run, evaluate now and send test, for admins: each answers in place, nothing is guessed. */
export function BudgetActions({ budget }: { budget: Budget }) {
  const dryRun = useDryRun()
  const evaluate = useEvaluateBudget()
  const test = useTestChannel()
  const [channel, setChannel] = useState(budget.channels[0]?.id ?? '')
  const id = useId()
  const labels = new Map(budget.channels.map((c) => [c.id, channelLabel(c)]))
  const sections = dryRun.data ? previewSections(dryRun.data) : []
  const already = dryRun.data ? alreadyRaisedText(dryRun.data) : null

  return (
    <section className="budget-actions" aria-label={`${budget.name}: dry run, evaluate and test`} data-testid="budget-actions">
      <div className="budget-actions-row">
        <button type="button" className="button" disabled={dryRun.isPending} onClick={() => dryRun.mutate(budget.id)}>
          {dryRun.isPending ? 'Running…' : 'Dry run'}
        </button>
        <button type="button" className="button" disabled={evaluate.isPending} onClick={() => evaluate.mutate(budget.id)}>
          {evaluate.isPending ? 'Evaluating…' : 'Evaluate now'}
        </button>
        {budget.channels.length > 0 && (
          <span className="budget-actions-test">
            <label htmlFor={`${id}-channel`} className="small">
              Test channel
            </label>
            <select id={`${id}-channel`} className="select" value={channel} onChange={(e) => setChannel(e.target.value)}>
              {budget.channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {labels.get(c.id)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              disabled={test.isPending || !channel}
              onClick={() => test.mutate({ id: budget.id, channel })}
            >
              {test.isPending ? 'Sending…' : 'Send test'}
            </button>
          </span>
        )}
      </div>
      <div aria-live="polite">
        {evaluate.isSuccess && (
          <p className="notice small" data-testid="evaluate-result">
            {evaluateText(evaluate.data)}
          </p>
        )}
        {evaluate.isError && (
          <p className="form-error" role="alert">
            {failure(evaluate.error, 'evaluate')}
          </p>
        )}
        {test.isSuccess && (
          <p
            className={`notice small ${test.data.delivered ? 'is-good' : 'is-bad'}`}
            data-testid="test-result"
            data-delivered={test.data.delivered}
          >
            {testSendText(test.data)}
            {test.data.response && <span className="muted"> Receiver said: {test.data.response}</span>}
          </p>
        )}
        {test.isError && (
          <p className="form-error" role="alert">
            {failure(test.error, 'send a test')}
          </p>
        )}
        {dryRun.isError && (
          <p className="form-error" role="alert">
            {failure(dryRun.error, 'dry-run')}
          </p>
        )}
      </div>
      {dryRun.isSuccess && (
        <div className="dry-run" data-testid="dry-run" aria-label="Dry run: nothing was sent or recorded">
          <p className="muted small">Dry run: nothing was sent or recorded; ids shown are not stored, a real alert gets other ones.</p>
          {already && (
            <p className="small" data-testid="already-raised">
              {already}
            </p>
          )}
          {budget.channels.length === 0 && <p className="small">This budget has no channel: alerts would only be listed.</p>}
          {sections.map((section) => (
            <div key={section.title} className="dry-run-section" data-sample={section.sample}>
              <h5>{section.title}</h5>
              {section.previews.map((p) => (
                <Preview key={p.channelId} preview={p} label={labels.get(p.channelId) ?? p.channelId} />
              ))}
            </div>
          ))}
        </div>
      )}
    </section>
  )
}
