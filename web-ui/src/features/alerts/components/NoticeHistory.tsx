import { useRules } from '@/api/get-rules'
import { Options } from '@/components/Options'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import type { AnyRule } from '@/types/rules'
import { NOTICE_PAGE_LIMIT, useNoticeList } from '../api/get-notice-list'
import { noticeRows, ruleChannelOptions, type NoticeRow, type RuleEntry } from '../prepare/notice-rows'
import { History, type HistorySpec, type RowParts } from './HistoryParts'

const GROUPS = { rules: 'Usage rules', anomalies: 'Anomaly watches', digests: 'Digests' } as const

const HISTORY: HistorySpec = {
  title: 'Rule, anomaly and digest notices',
  item: 'notice',
  noun: 'notices',
  emptyHint:
    'Usage rules send a notice when they fire and when they resolve, anomaly watches when spend is unusual, digests on their schedule. Create them on the Rules page.',
  filteredHint: 'Choose another rule or channel, or show all notices.',
  olderBy: 'rule',
  clearLabel: 'Show all notices',
  sourceParam: 'rule',
  sourcePage: '/rules',
  sourceLabel: 'Rule',
  allSources: 'All rules, anomaly watches and digests',
  channelParam: 'ruleChannel',
  channelLabel: 'Rule channel',
  limit: NOTICE_PAGE_LIMIT,
  skeletonHeight: 160,
}

const parts = (row: NoticeRow): RowParts => ({ context: `· ${row.kind}`, source: { id: row.ruleId, name: row.rule }, type: row.type })

/**
 * The notices of usage rules, anomaly watches and digests (fired, resolved, anomalies, digests),
 * newest first, each with its deliveries per channel; filtered by rule and channel (`rule`,
 * `ruleChannel` in the URL).
 */
export function NoticeHistory() {
  const [params] = usePageParams()
  const { query } = useDashboardQuery()
  const lists = { rules: useRules('rules'), anomalies: useRules('anomalies'), digests: useRules('digests') }
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
  const ruleOptions = (['rules', 'anomalies', 'digests'] as const).map((collection) => {
    const group = entries.filter((e) => e.collection === collection)
    return group.length === 0 ? null : (
      <optgroup key={collection} label={GROUPS[collection]}>
        <Options of={group} value={(e) => e.rule.id} label={(e) => e.rule.name} />
      </optgroup>
    )
  })
  const channels = <Options of={ruleChannelOptions(entries, ruleId)} value={(c) => c.id} label={(c) => c.label} />

  return (
    <History
      spec={HISTORY}
      status={notices}
      options={[ruleOptions, channels]}
      rows={rows}
      parts={parts}
      fetched={notices.data?.items.length ?? 0}
    />
  )
}
