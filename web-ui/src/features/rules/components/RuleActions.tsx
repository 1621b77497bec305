import { ActionsPanel, PreviewCard } from '@/components/ActionsPanel'
import { channelLabels } from '@/lib/channels'
import { headerLines } from '@/lib/previews'
import type { AnyRule, NoticeDryRun, RuleCollection } from '@/types/rules'
import { useRuleActions } from '../api/rule-actions'
import { dryRunTitle, emailParts, evaluateText, previewTarget, statusItems, type StatusItem } from '../prepare/rule-view'

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

/** What a rule's dry run found: its title and figures, then the payload each channel would get. */
function DryRunView({ rule, answer, zone }: { rule: AnyRule; answer: NoticeDryRun; zone: string }) {
  const labelOf = channelLabels(rule.channels)
  return (
    <>
      <h4 data-field="title">{dryRunTitle(answer)}</h4>
      <Figures items={statusItems(rule, answer.status, zone)} testId="dry-run-figures" />
      {answer.wouldSend && rule.channels.length === 0 && <p className="small">No channel: the notice would only be listed.</p>}
      {answer.wouldSend?.deliveries.map((p) => {
        const email = emailParts(p)
        return (
          <PreviewCard
            key={p.channelId}
            channelId={p.channelId}
            format={p.format}
            label={labelOf(p.channelId)}
            target={previewTarget(p)}
            headers={email ? null : headerLines(p)}
            email={email}
            body={p.body}
          />
        )
      })}
    </>
  )
}

/** Dry run, evaluate now and send test of a rule, for admins: each answers in place with what the API said. */
export function RuleActions({ collection, rule, zone }: { collection: RuleCollection; rule: AnyRule; zone: string }) {
  return (
    <ActionsPanel
      source={rule}
      testId="rule-actions"
      actions={useRuleActions(collection, rule.id)}
      evaluated={(result) => (
        <>
          <p>{evaluateText(result)}</p>
          <Figures items={statusItems(rule, result.status, zone)} testId="evaluate-figures" />
        </>
      )}
      dryRunNote="Dry run: nothing was sent or recorded; the ids shown are not stored, a real notice gets other ones."
      dryRunAttributes={(answer) => ({ 'data-would-send': answer.wouldSend !== null })}
      dryRunView={(answer) => <DryRunView rule={rule} answer={answer} zone={zone} />}
    />
  )
}
