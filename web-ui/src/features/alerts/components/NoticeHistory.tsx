import { useId } from 'react'
import { useRules } from '@/api/get-rules'
import { Link } from '@/components/Link'
import { Panel } from '@/components/Panel'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import type { AnyRule } from '@/types/rules'
import { NOTICE_PAGE_LIMIT, useNoticeList } from '../api/get-notice-list'
import { noticeRows, ruleChannelOptions, type NoticeRow, type RuleEntry } from '../prepare/notice-rows'
import { DeliveryTable, tone } from './DeliveryTable'

const GROUPS = { rules: 'Usage rules', anomalies: 'Anomaly watches', digests: 'Digests' } as const

function NoticeItem({ row }: { row: NoticeRow }) {
  return (
    <li className="notice-item" data-testid={`notice-${row.id}`} data-type={row.type} data-delivery={row.delivery}>
      <div className="alert-item-head">
        <span className="alert-item-title">
          <strong data-field="title">{row.title}</strong> <span className="muted">· {row.kind}</span>{' '}
          <Link href={`/rules?rule=${encodeURIComponent(row.ruleId)}`} data-field="rule">
            {row.rule}
          </Link>
        </span>
        <time className="muted small" dateTime={row.raisedAt} data-field="raised">
          {row.raised}
        </time>
        <span className={`tag${tone(row.delivery)}`} data-field="delivery">
          {row.deliveryLabel}
        </span>
      </div>
      {row.deliveries.length > 0 && <DeliveryTable deliveries={row.deliveries} label={`Deliveries of ${row.title}, ${row.rule}`} />}
    </li>
  )
}

/**
 * The notices of usage rules, anomaly watches and digests (fired, resolved, anomalies, digests),
 * newest first, each with its deliveries per channel; filtered by rule and channel (`rule`,
 * `ruleChannel` in the URL).
 */
export function NoticeHistory() {
  const [params, setParams] = usePageParams()
  const { query } = useDashboardQuery()
  const lists = { rules: useRules('rules'), anomalies: useRules('anomalies'), digests: useRules('digests') }
  const id = useId()
  const entries: RuleEntry[] = (['rules', 'anomalies', 'digests'] as const).flatMap((collection) =>
    ((lists[collection].data?.items ?? []) as AnyRule[]).map((rule) => ({ collection, rule })),
  )
  const ruleId = params.get('rule')
  const channel = params.get('ruleChannel')
  const selected = ruleId ? (entries.find((e) => e.rule.id === ruleId) ?? null) : null
  const listsLoaded = Object.values(lists).every((l) => !l.isPending)
  // A rule named in the URL is fetched by its collection once the lists say which one it is.
  const notices = useNoticeList(selected ? { collection: selected.collection, id: selected.rule.id } : null, !ruleId || listsLoaded)
  const rows = notices.data
    ? noticeRows(notices.data.items, entries, query.tz, channel).filter((r) => ruleId === null || r.ruleId === ruleId)
    : []
  const filtered = ruleId !== null || channel !== null

  return (
    <>
      <div className="alerts-filters" role="group" aria-label="Filter notices">
        <label htmlFor={`${id}-rule`}>Rule</label>
        <select
          id={`${id}-rule`}
          className="select"
          value={ruleId ?? ''}
          onChange={(e) => setParams({ rule: e.target.value || null, ruleChannel: null })}
          data-testid="notices-rule"
        >
          <option value="">All rules, anomaly watches and digests</option>
          {(['rules', 'anomalies', 'digests'] as const).map((collection) => {
            const group = entries.filter((e) => e.collection === collection)
            return group.length === 0 ? null : (
              <optgroup key={collection} label={GROUPS[collection]}>
                {group.map((e) => (
                  <option key={e.rule.id} value={e.rule.id}>
                    {e.rule.name}
                  </option>
                ))}
              </optgroup>
            )
          })}
        </select>
        <label htmlFor={`${id}-channel`}>Rule channel</label>
        <select
          id={`${id}-channel`}
          className="select"
          value={channel ?? ''}
          onChange={(e) => setParams({ ruleChannel: e.target.value || null })}
          data-testid="notices-channel"
        >
          <option value="">All channels</option>
          {ruleChannelOptions(entries, ruleId).map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="button button-quiet" onClick={() => setParams({ rule: null, ruleChannel: null })}>
            Show all notices
          </button>
        )}
      </div>
      <Panel
        title="Rule, anomaly and digest notices"
        status={notices}
        empty={rows.length === 0}
        emptyTitle={filtered ? 'No notices for this filter' : 'No notices yet'}
        emptyHint={
          filtered
            ? 'Choose another rule or channel, or show all notices.'
            : 'Usage rules send a notice when they fire and when they resolve, anomaly watches when spend is unusual, digests on their schedule. Create them on the Rules page.'
        }
        skeletonHeight={160}
        testId="notice-list"
        footer={
          (notices.data?.items.length ?? 0) >= NOTICE_PAGE_LIMIT ? (
            <span className="muted small">The newest {NOTICE_PAGE_LIMIT} notices; filter by rule to see older ones.</span>
          ) : undefined
        }
      >
        <ul className="alert-list">
          {rows.map((row) => (
            <NoticeItem key={row.id} row={row} />
          ))}
        </ul>
      </Panel>
    </>
  )
}
