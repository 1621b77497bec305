import { useBudgets } from '@/api/get-budgets'
import { Options } from '@/components/Options'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import { ALERT_PAGE_LIMIT, useAlertList } from '../api/get-alert-list'
import { alertRows, channelOptions, type AlertRow } from '../prepare/alert-rows'
import '@/components/page.css'
import '@/components/table.css'
import { History, type HistorySpec, type RowParts } from './HistoryParts'
import { NoticeHistory } from './NoticeHistory'
import './alerts.css'

const HISTORY: HistorySpec = {
  title: 'Alert history',
  item: 'alert',
  noun: 'alerts',
  emptyHint:
    'Alerts are raised when a budget’s spend crosses a threshold. Create a budget with thresholds and channels on the Budgets page.',
  filteredHint: 'Choose another budget or channel, or show all.',
  olderBy: 'budget or channel',
  clearLabel: 'Show all',
  sourceParam: 'budget',
  sourcePage: '/budgets',
  sourceLabel: 'Budget',
  allSources: 'All budgets',
  channelParam: 'channel',
  channelLabel: 'Channel',
  limit: ALERT_PAGE_LIMIT,
  skeletonHeight: 200,
}

const parts = (row: AlertRow): RowParts => ({ context: `at ${row.share} of`, source: { id: row.budgetId, name: row.budget } })

/**
 * Every alert the tenant's budgets raised, newest first, with each channel's delivery: state,
 * attempts, last response code and next attempt. Filters by budget and channel live in the URL.
 */
export function AlertsPage() {
  const [params] = usePageParams()
  const { query } = useDashboardQuery()
  const budgets = useBudgets()
  const budget = params.get('budget')
  const channel = params.get('channel')
  const alerts = useAlertList({ budget, channel })
  const budgetList = budgets.data?.items ?? []
  const budgetOptions = <Options of={budgetList} value={(b) => b.id} label={(b) => b.name} />
  const channels = <Options of={channelOptions(budgetList, budget)} value={(c) => c.id} label={(c) => c.label} />
  const rows = alerts.data ? alertRows(alerts.data.items, budgetList, query.tz) : []

  return (
    <div className="page" data-testid="alerts-page">
      <header className="page-header">
        <h1>Alerts</h1>
        <p className="muted">
          Every budget alert and every notice of a usage rule, anomaly watch or digest, with how each channel&rsquo;s delivery went.
          Undelivered ones are retried with backoff for up to a day.
        </p>
      </header>
      <History spec={HISTORY} status={alerts} options={[budgetOptions, channels]} rows={rows} parts={parts} fetched={rows.length} />
      <NoticeHistory />
    </div>
  )
}
