import { useId } from 'react'
import { useBudgets } from '@/api/get-budgets'
import { Panel } from '@/components/Panel'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import { ALERT_PAGE_LIMIT, useAlertList } from '../api/get-alert-list'
import { alertRows, channelOptions, type AlertRow } from '../prepare/alert-rows'
import '@/components/page.css'
import '@/components/table.css'
import { FilterSelect, HistoryFilters, HistoryItem } from './HistoryParts'
import { NoticeHistory } from './NoticeHistory'
import './alerts.css'

function AlertItem({ row }: { row: AlertRow }) {
  const source = { name: row.budget, href: `/budgets?budget=${encodeURIComponent(row.budgetId)}`, field: 'budget' }
  return <HistoryItem row={row} context={`at ${row.share} of`} source={source} className="alert-item" testId={`alert-${row.id}`} />
}

/**
 * Every alert the tenant's budgets raised, newest first, with each channel's delivery: state,
 * attempts, last response code and next attempt. Filters by budget and channel live in the URL.
 */
export function AlertsPage() {
  const [params, setParams] = usePageParams()
  const { query } = useDashboardQuery()
  const budgets = useBudgets()
  const budget = params.get('budget')
  const channel = params.get('channel')
  const alerts = useAlertList({ budget, channel })
  const id = useId()
  const budgetList = budgets.data?.items ?? []
  const channels = channelOptions(budgetList, budget)
  const rows = alerts.data ? alertRows(alerts.data.items, budgetList, query.tz) : []
  const filtered = budget !== null || channel !== null

  return (
    <div className="page" data-testid="alerts-page">
      <header className="page-header">
        <h1>Alerts</h1>
        <p className="muted">
          Every budget alert and every notice of a usage rule, anomaly watch or digest, with how each channel&rsquo;s delivery went.
          Undelivered ones are retried with backoff for up to a day.
        </p>
      </header>
      <HistoryFilters
        label="Filter alerts"
        filtered={filtered}
        clearLabel="Show all"
        onClear={() => setParams({ budget: null, channel: null })}
      >
        <FilterSelect
          id={`${id}-budget`}
          label="Budget"
          value={budget}
          allLabel="All budgets"
          onChange={(v) => setParams({ budget: v, channel: null })}
          testId="alerts-budget"
        >
          {budgetList.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          id={`${id}-channel`}
          label="Channel"
          value={channel}
          allLabel="All channels"
          onChange={(v) => setParams({ channel: v })}
          testId="alerts-channel"
        >
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </FilterSelect>
      </HistoryFilters>
      <Panel
        title="Alert history"
        status={alerts}
        empty={rows.length === 0}
        emptyTitle={filtered ? 'No alerts for this filter' : 'No alerts yet'}
        emptyHint={
          filtered
            ? 'Choose another budget or channel, or show all.'
            : 'Alerts are raised when a budget’s spend crosses a threshold. Create a budget with thresholds and channels on the Budgets page.'
        }
        skeletonHeight={200}
        testId="alert-list"
        footer={
          rows.length >= ALERT_PAGE_LIMIT ? (
            <span className="muted small">The newest {ALERT_PAGE_LIMIT} alerts; filter by budget or channel to see older ones.</span>
          ) : undefined
        }
      >
        <ul className="alert-list">
          {rows.map((row) => (
            <AlertItem key={row.id} row={row} />
          ))}
        </ul>
      </Panel>
      <NoticeHistory />
    </div>
  )
}
