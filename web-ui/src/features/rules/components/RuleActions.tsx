import { useId, useState } from 'react'
import { isForbidden } from '@/lib/api-client'
import { channelLabel } from '@/lib/channels'
import type { AnyRule, NoticePreview, RuleCollection } from '@/types/rules'
import { useDryRunRule, useEvaluateRule, useTestRuleChannel } from '../api/rule-actions'
import {
  dryRunTitle,
  emailParts,
  evaluateText,
  headerLines,
  previewTarget,
  statusItems,
  testSendText,
  type StatusItem,
} from '../prepare/rule-view'

function failure(error: Error, what: string): string {
  return isForbidden(error) ? `An admin key is needed to ${what}.` : `Could not ${what}: ${error.message}`
}

/** One channel's exact payload: URL, headers and body of the POST, or the email's recipients, subject and parts. */
function Preview({ preview, label }: { preview: NoticePreview; label: string }) {
  const email = emailParts(preview)
  return (
    <article className="rule-preview" data-testid={`preview-${preview.channelId}`} data-format={preview.format}>
      <h5>{label}</h5>
      <dl className="rule-preview-meta">
        <dt>{email ? 'To' : 'POST'}</dt>
        <dd data-field="url">{previewTarget(preview)}</dd>
        {email && (
          <>
            <dt>Subject</dt>
            <dd data-field="subject">{email.subject}</dd>
          </>
        )}
      </dl>
      {!email && (
        <details>
          <summary>Headers</summary>
          <pre className="rule-code" data-field="headers" tabIndex={0} aria-label="Headers">
            {headerLines(preview).join('\n')}
          </pre>
        </details>
      )}
      {email ? (
        <>
          <pre className="rule-code" data-field="text" tabIndex={0} aria-label="Plain-text part">
            {email.text}
          </pre>
          <details>
            <summary>HTML part (source)</summary>
            <pre className="rule-code" data-field="html" tabIndex={0} aria-label="HTML part">
              {email.html}
            </pre>
          </details>
        </>
      ) : (
        <pre className="rule-code" data-field="body" tabIndex={0} aria-label="Body">
          {preview.body}
        </pre>
      )}
    </article>
  )
}

function Figures({ items, testId }: { items: StatusItem[]; testId: string }) {
  return (
    <dl className="rule-figures" data-testid={testId}>
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** Dry run, evaluate now and send test, for admins: each answers in place with what the API said. */
export function RuleActions({ collection, rule, zone }: { collection: RuleCollection; rule: AnyRule; zone: string }) {
  const dryRun = useDryRunRule()
  const evaluate = useEvaluateRule()
  const test = useTestRuleChannel()
  const [channel, setChannel] = useState(rule.channels[0]?.id ?? '')
  const id = useId()
  const labels = new Map(rule.channels.map((c) => [c.id, channelLabel(c)]))
  const target = { collection, id: rule.id }

  return (
    <section className="rule-actions" aria-label={`${rule.name}: dry run, evaluate and test`} data-testid="rule-actions">
      <div className="rule-actions-row">
        <button type="button" className="button" disabled={dryRun.isPending} onClick={() => dryRun.mutate(target)}>
          {dryRun.isPending ? 'Running…' : 'Dry run'}
        </button>
        <button type="button" className="button" disabled={evaluate.isPending} onClick={() => evaluate.mutate(target)}>
          {evaluate.isPending ? 'Evaluating…' : 'Evaluate now'}
        </button>
        {rule.channels.length > 0 && (
          <span className="rule-actions-test">
            <label htmlFor={`${id}-channel`} className="small">
              Test channel
            </label>
            <select id={`${id}-channel`} className="select" value={channel} onChange={(e) => setChannel(e.target.value)}>
              {rule.channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {labels.get(c.id)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              disabled={test.isPending || !channel}
              onClick={() => test.mutate({ ...target, channel })}
            >
              {test.isPending ? 'Sending…' : 'Send test'}
            </button>
          </span>
        )}
      </div>
      <div aria-live="polite">
        {evaluate.isSuccess && (
          <div className="notice small" data-testid="evaluate-result">
            <p>{evaluateText(evaluate.data)}</p>
            <Figures items={statusItems(rule, evaluate.data.status, zone)} testId="evaluate-figures" />
          </div>
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
        <div className="rule-dry-run" data-testid="dry-run" data-would-send={dryRun.data.wouldSend !== null}>
          <p className="muted small">Dry run: nothing was sent or recorded; the ids shown are not stored, a real notice gets other ones.</p>
          <h4 data-field="title">{dryRunTitle(dryRun.data)}</h4>
          <Figures items={statusItems(rule, dryRun.data.status, zone)} testId="dry-run-figures" />
          {dryRun.data.wouldSend && rule.channels.length === 0 && <p className="small">No channel: the notice would only be listed.</p>}
          {dryRun.data.wouldSend?.deliveries.map((p) => (
            <Preview key={p.channelId} preview={p} label={labels.get(p.channelId) ?? p.channelId} />
          ))}
        </div>
      )}
    </section>
  )
}
