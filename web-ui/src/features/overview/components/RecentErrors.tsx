import { Link } from '@/components/Link'
import { Panel } from '@/components/Panel'
import { formatLatency, formatShortDateTime } from '@/lib/format'
import { browserZone, useDashboardQuery } from '@/lib/use-dashboard-query'
import { dashboardSearch, withFilterValues } from '@/lib/url-state'
import { useErrors } from '../api/get-errors'
import { ERRORS_LIMIT } from '../first-screen'
import '@/components/table.css'
import '../overview.css'

/** The latest failed calls; a model, endpoint or project filters the dashboard, and the log shows them all. */
export function RecentErrors() {
  const { query, addFilter } = useDashboardQuery()
  const errors = useErrors(query, ERRORS_LIMIT)
  const logHref = `/log${dashboardSearch(withFilterValues(query, 'status', ['error', 'timeout']), browserZone)}`
  return (
    <Panel
      title="Recent errors"
      status={errors}
      empty={errors.data?.items.length === 0}
      emptyTitle="No failed calls in this range"
      emptyHint="Errors and timeouts will be listed here."
      testId="table-errors"
      skeletonHeight={200}
      actions={<Link href={logHref}>All failures in the log →</Link>}
    >
      <ul className="event-list">
        {errors.data?.items.map((event) => (
          <li key={event.id} className="event-item" data-id={event.id}>
            <div className="event-line">
              <span className={`status status-${event.status}`}>{event.status}</span>
              {event.error?.type && event.error.type !== event.status && <span className="mono event-type">{event.error.type}</span>}
              <span className="muted nowrap event-time" title={event.time}>
                {formatShortDateTime(event.time, query.tz)}
              </span>
            </div>
            {event.error?.message && <p className="event-message">{event.error.message}</p>}
            <div className="event-line muted small">
              <button type="button" className="link-button" onClick={() => addFilter('model', event.model)}>
                {event.model}
              </button>
              <span aria-hidden="true">·</span>
              <button type="button" className="link-button" onClick={() => addFilter('endpoint', event.endpoint)}>
                {event.endpoint}
              </button>
              {event.project && (
                <>
                  <span aria-hidden="true">·</span>
                  <button type="button" className="link-button" onClick={() => addFilter('project', event.project!)}>
                    {event.project}
                  </button>
                </>
              )}
              <span className="event-latency">{formatLatency(event.latencyMs)}</span>
            </div>
          </li>
        ))}
      </ul>
    </Panel>
  )
}
