import { ActionsPanel, PreviewCard } from '@/components/ActionsPanel'
import { channelLabel } from '@/lib/channels'
import { headerLines } from '@/lib/previews'
import type { Budget } from '@/types/models'
import { useDryRun, useEvaluateBudget, useTestChannel } from '../api/budget-actions'
import { alreadyRaisedText, evaluateText, previewSections } from '../prepare/actions'

/** Dry run, evaluate now and send test of a budget, for admins: each answers in place, nothing is guessed. */
export function BudgetActions({ budget }: { budget: Budget }) {
  const dryRun = useDryRun()
  const evaluate = useEvaluateBudget()
  const test = useTestChannel()
  const channels = budget.channels.map((c) => ({ id: c.id, label: channelLabel(c) }))
  const labels = new Map(channels.map((c) => [c.id, c.label]))
  const sections = dryRun.data ? previewSections(dryRun.data) : []
  const already = dryRun.data ? alreadyRaisedText(dryRun.data) : null

  return (
    <ActionsPanel
      name={budget.name}
      testId="budget-actions"
      channels={channels}
      dryRun={dryRun}
      evaluate={evaluate}
      test={test}
      onDryRun={() => dryRun.mutate(budget.id)}
      onEvaluate={() => evaluate.mutate(budget.id)}
      onTest={(channel) => test.mutate({ id: budget.id, channel })}
      evaluated={
        evaluate.data && (
          <p className="notice small" data-testid="evaluate-result">
            {evaluateText(evaluate.data)}
          </p>
        )
      }
      dryRunNote="Dry run: nothing was sent or recorded; ids shown are not stored, a real alert gets other ones."
      dryRunView={
        <>
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
                <PreviewCard
                  key={p.channelId}
                  channelId={p.channelId}
                  format={p.format}
                  label={labels.get(p.channelId) ?? p.channelId}
                  target={p.format === 'email' ? (p.to ?? []).join(', ') : p.url}
                  headers={headerLines(p)}
                  email={p.email ?? null}
                  body={p.body}
                  heading="h6"
                />
              ))}
            </div>
          ))}
        </>
      }
    />
  )
}
