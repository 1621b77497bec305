import { ActionsPanel, PreviewCard } from '@/components/ActionsPanel'
import { channelLabels } from '@/lib/channels'
import { headerLines } from '@/lib/previews'
import type { Budget, DryRun } from '@/types/models'
import { useBudgetActions } from '../api/budget-actions'
import { alreadyRaisedText, evaluateText, previewSections } from '../prepare/actions'

/** What a budget's dry run would send: a note when its alert was already raised, then each section's payloads. */
function DryRunView({ budget, answer }: { budget: Budget; answer: DryRun }) {
  const labelOf = channelLabels(budget.channels)
  const already = alreadyRaisedText(answer)
  return (
    <>
      {already && (
        <p className="small" data-testid="already-raised">
          {already}
        </p>
      )}
      {budget.channels.length === 0 && <p className="small">This budget has no channel: alerts would only be listed.</p>}
      {previewSections(answer).map((section) => (
        <div key={section.title} className="dry-run-section" data-sample={section.sample}>
          <h5>{section.title}</h5>
          {section.previews.map((p) => (
            <PreviewCard
              key={p.channelId}
              channelId={p.channelId}
              format={p.format}
              label={labelOf(p.channelId)}
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
  )
}

/** Dry run, evaluate now and send test of a budget, for admins: each answers in place, nothing is guessed. */
export function BudgetActions({ budget }: { budget: Budget }) {
  return (
    <ActionsPanel
      source={budget}
      testId="budget-actions"
      actions={useBudgetActions(budget.id)}
      evaluated={evaluateText}
      dryRunNote="Dry run: nothing was sent or recorded; ids shown are not stored, a real alert gets other ones."
      dryRunView={(answer) => <DryRunView budget={budget} answer={answer} />}
    />
  )
}
