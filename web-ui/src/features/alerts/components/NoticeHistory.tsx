import { useId } from 'react'
import { useRules } from '@/api/get-rules'
import { Panel } from '@/components/Panel'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import type { AnyRule } from '@/types/rules'
import { NOTICE_PAGE_LIMIT, useNoticeList } from '../api/get-notice-list'
import { noticeRows, ruleChannelOptions, type NoticeRow, type RuleEntry } from '../prepare/notice-rows'
import { FilterSelect, HistoryFilters, HistoryItem } from './HistoryParts'

const GROUPS = { rules: 'Usage rules', anomalies: 'Anomaly watches', digests: 'Digests' } as const

function NoticeItem({ row }: { row: NoticeRow }) {
  const source = { name: row.rule, href: `/rules?rule=${encodeURIComponent(row.ruleId)}`, field: 'rule' }
  return (
    <HistoryItem row={row} context={`· ${row.kind}`} source={source} className="notice-item" testId={`notice-${row.id}`} type={row.type} />
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
      <HistoryFilters
        label="Filter notices"
        filtered={filtered}
        clearLabel="Show all notices"
        onClear={() => setParams({ rule: null, ruleChannel: null })}
      >
        <FilterSelect
          id={`${id}-rule`}
          label="Rule"
          value={ruleId}
          allLabel="All rules, anomaly watches and digests"
          onChange={(v) => setParams({ rule: v, ruleChannel: null })}
          testId="notices-rule"
        >
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
        </FilterSelect>
        <FilterSelect
          id={`${id}-channel`}
          label="Rule channel"
          value={channel}
          allLabel="All channels"
          onChange={(v) => setParams({ ruleChannel: v })}
          testId="notices-channel"
        >
          {ruleChannelOptions(entries, ruleId).map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </FilterSelect>
      </HistoryFilters>
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
