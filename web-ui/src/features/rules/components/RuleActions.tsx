import { ActionsPanel, PreviewCard } from '@/components/ActionsPanel'
import { channelLabel } from '@/lib/channels'
import { headerLines } from '@/lib/previews'
import type { AnyRule, RuleCollection } from '@/types/rules'
import { useDryRunRule, useEvaluateRule, useTestRuleChannel } from '../api/rule-actions'
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

/** Dry run, evaluate now and send test of a rule, for admins: each answers in place with what the API said. */
export function RuleActions({ collection, rule, zone }: { collection: RuleCollection; rule: AnyRule; zone: string }) {
  const dryRun = useDryRunRule()
  const evaluate = useEvaluateRule()
  const test = useTestRuleChannel()
  const channels = rule.channels.map((c) => ({ id: c.id, label: channelLabel(c) }))
  const labels = new Map(channels.map((c) => [c.id, c.label]))
  const target = { collection, id: rule.id }

  return (
    <ActionsPanel
      name={rule.name}
      testId="rule-actions"
      channels={channels}
      dryRun={dryRun}
      evaluate={evaluate}
      test={test}
      onDryRun={() => dryRun.mutate(target)}
      onEvaluate={() => evaluate.mutate(target)}
      onTest={(channel) => test.mutate({ ...target, channel })}
      evaluated={
        evaluate.data && (
          <div className="notice small" data-testid="evaluate-result">
            <p>{evaluateText(evaluate.data)}</p>
            <Figures items={statusItems(rule, evaluate.data.status, zone)} testId="evaluate-figures" />
          </div>
        )
      }
      dryRunNote="Dry run: nothing was sent or recorded; the ids shown are not stored, a real notice gets other ones."
      dryRunAttributes={{ 'data-would-send': dryRun.data?.wouldSend !== null }}
      dryRunView={
        dryRun.data && (
          <>
            <h4 data-field="title">{dryRunTitle(dryRun.data)}</h4>
            <Figures items={statusItems(rule, dryRun.data.status, zone)} testId="dry-run-figures" />
            {dryRun.data.wouldSend && rule.channels.length === 0 && <p className="small">No channel: the notice would only be listed.</p>}
            {dryRun.data.wouldSend?.deliveries.map((p) => {
              const email = emailParts(p)
              return (
                <PreviewCard
                  key={p.channelId}
                  channelId={p.channelId}
                  format={p.format}
                  label={labels.get(p.channelId) ?? p.channelId}
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
    />
  )
}
