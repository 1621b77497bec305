import { ErrorState } from '@/components/States'
import { Link } from '@/components/Link'
import { Skeleton } from '@/components/Skeleton'
import { EditDeleteButtons, scopeText, SourceCard } from '@/components/SourceCard'
import { channelSummary } from '@/lib/channels'
import { formatShortDateTime } from '@/lib/format'
import { noticeTitle, OVERALL_LABELS, overallDelivery } from '@/lib/notices'
import type { AnyRule, Notice, RuleCollection } from '@/types/rules'
import { useRuleNotices } from '../api/get-rule-notices'
import { useDeleteRule } from '../api/save-rule'
import { ruleState, settingsText } from '../prepare/rule-view'
import { RuleActions } from './RuleActions'
import { DataTable, type Column } from '@/components/DataTable'

function tone(delivery: string): string {
  if (delivery === 'delivered') return ' tag-good'
  if (delivery === 'given_up') return ' tag-bad'
  if (delivery === 'retrying') return ' tag-warn'
  return ''
}

const COLUMNS: Column[] = [{ label: 'Raised' }, { label: 'Notice' }, { label: 'Delivery' }]

function RecentNotices({ rule, notices, zone }: { rule: AnyRule; notices: Notice[]; zone: string }) {
  if (notices.length === 0) {
    return (
      <p className="muted small" data-testid="rule-notices-empty">
        No notice yet.
      </p>
    )
  }
  return (
    <DataTable columns={COLUMNS} testId="rule-notices" label={`Recent notices of ${rule.name}`}>
      {notices.map((n) => {
        const overall = overallDelivery(n.deliveries)
        return (
          <tr key={n.id} data-testid={`rule-notice-${n.id}`}>
            <td className="nowrap" title={n.raisedAt}>
              {formatShortDateTime(n.raisedAt, zone)}
            </td>
            <td data-field="title">{noticeTitle(n.notice)}</td>
            <td>
              <span className={`tag${tone(overall)}`} data-field="delivery" data-state={overall}>
                {OVERALL_LABELS[overall]}
              </span>
            </td>
          </tr>
        )
      })}
    </DataTable>
  )
}

interface RuleItemProps {
  collection: RuleCollection
  rule: AnyRule
  zone: string
  selected: boolean
  canManage: boolean
  onSelect: () => void
  onEdit: () => void
  onDeleted: () => void
}

/** One rule: its state, settings and scope; selected, its actions and recent notices. */
export function RuleItem({ collection, rule, zone, selected, canManage, onSelect, onEdit, onDeleted }: RuleItemProps) {
  const notices = useRuleNotices(collection, rule.id)
  const remove = useDeleteRule()
  const state = notices.data ? ruleState(rule, notices.data.items, zone) : null
  return (
    <div className="source-item">
      <SourceCard
        kind="rule"
        source={rule}
        selected={selected}
        onSelect={onSelect}
        beside={
          state && (
            <span className={`tag${state.tone ? ` tag-${state.tone}` : ''}`} data-field="state">
              {state.label}
            </span>
          )
        }
      >
        <p className="small rule-settings" data-field="settings">
          {settingsText(rule)}
        </p>
        <p className="muted small">
          {scopeText(rule.scope)} · {channelSummary(rule.channels)}
        </p>
        {notices.isPending && <Skeleton height={18} />}
        {notices.isError && <ErrorState error={notices.error} onRetry={() => void notices.refetch()} compact />}
        {state && (
          <p className="small muted" data-field="last-notice">
            {state.detail}
          </p>
        )}
      </SourceCard>
      {selected && (
        <section className="source-detail" aria-label={`${rule.name}: details`} data-testid="rule-detail">
          <EditDeleteButtons
            canManage={canManage}
            onEdit={onEdit}
            onDelete={() => remove.mutate({ collection, id: rule.id }, { onSuccess: onDeleted })}
            removal={remove}
            confirmLabel="Delete with its notices"
            forbidden="An admin key is needed to delete rules."
          />
          {canManage && <RuleActions collection={collection} rule={rule} zone={zone} />}
          <h4>Recent notices</h4>
          {notices.data && <RecentNotices rule={rule} notices={notices.data.items} zone={zone} />}
          <Link href={`/alerts?rule=${encodeURIComponent(rule.id)}`} className="small">
            Every notice with its deliveries, on the Alerts page
          </Link>
        </section>
      )}
    </div>
  )
}
