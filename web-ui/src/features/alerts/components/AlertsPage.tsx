import { useId } from 'react'
import { useBudgets } from '@/api/get-budgets'
import { Link } from '@/components/Link'
import { Panel } from '@/components/Panel'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import { ALERT_PAGE_LIMIT, useAlertList } from '../api/get-alert-list'
import { alertRows, channelOptions, type AlertRow } from '../prepare/alert-rows'
import '@/components/page.css'
import '@/components/table.css'
import { DeliveryTable, tone } from './DeliveryTable'
import { NoticeHistory } from './NoticeHistory'
import './alerts.css'

function AlertItem({ row }: { row: AlertRow }) {
  return (
    <li className="alert-item" data-testid={`alert-${row.id}`} data-delivery={row.delivery}>
      <div className="alert-item-head">
        <span className="alert-item-title">
          <strong>{row.alert}</strong> <span className="muted">at {row.share} of</span>{' '}
          <Link href={`/budgets?budget=${encodeURIComponent(row.budgetId)}`} data-field="budget">
            {row.budget}
          </Link>
        </span>
        <time className="muted small" dateTime={row.raisedAt} data-field="raised">
          {row.raised}
        </time>
        <span className={`tag${tone(row.delivery)}`} data-field="delivery">
          {row.deliveryLabel}
        </span>
      </div>
      {row.deliveries.length > 0 && <DeliveryTable deliveries={row.deliveries} label={`Deliveries of ${row.alert}, ${row.budget}`} />}
    </li>
  )
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
      <div className="alerts-filters" role="group" aria-label="Filter alerts">
        <label htmlFor={`${id}-budget`}>Budget</label>
        <select
          id={`${id}-budget`}
          className="select"
          value={budget ?? ''}
          onChange={(e) => setParams({ budget: e.target.value || null, channel: null })}
          data-testid="alerts-budget"
        >
          <option value="">All budgets</option>
          {budgetList.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-channel`}>Channel</label>
        <select
          id={`${id}-channel`}
          className="select"
          value={channel ?? ''}
          onChange={(e) => setParams({ channel: e.target.value || null })}
          data-testid="alerts-channel"
        >
          <option value="">All channels</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="button button-quiet" onClick={() => setParams({ budget: null, channel: null })}>
            Show all
          </button>
        )}
      </div>
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
