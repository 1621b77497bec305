import { useState } from 'react'
import { Panel } from '@/components/Panel'
import { formatInteger } from '@/lib/format'
import { useLocation } from '@/lib/router'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import { useExportEvents } from '../api/export-events'
import { useEvents } from '../api/get-events'
import { nextOrder, orderParams, readLogOrder } from '../sorting'
import { LogTable } from './LogTable'
import '@/components/table.css'
import '../log.css'

const PAGE_SIZE = 50

/**
 * One listing of the log. Keyset pagination: the cursors of the pages seen so far form a stack,
 * so "Previous" goes back without offsets. The parent remounts it when the range, the filters
 * or the order change, which starts again from the first page.
 */
function LogListing() {
  const { query, addFilter } = useDashboardQuery()
  const [params, setParams] = usePageParams()
  const order = readLogOrder(params)
  const [cursors, setCursors] = useState<string[]>([])
  const cursor = cursors[cursors.length - 1]
  const events = useEvents(query, { ...order, limit: PAGE_SIZE, cursor })
  const exporter = useExportEvents()

  const page = events.data
  const first = cursors.length * PAGE_SIZE + 1
  const last = cursors.length * PAGE_SIZE + (page?.items.length ?? 0)

  return (
    <Panel
      title="Event log"
      status={events}
      empty={page?.items.length === 0 && cursors.length === 0}
      emptyTitle="No events in this range"
      skeletonHeight={480}
      testId="log"
      actions={
        <>
          {exporter.isError && (
            <span className="form-error" role="alert">
              Export failed: {exporter.error.message}
            </span>
          )}
          <button
            type="button"
            className="button"
            onClick={() => exporter.mutate(query)}
            disabled={exporter.isPending}
            data-testid="export"
          >
            {exporter.isPending ? 'Exporting…' : 'Export CSV'}
          </button>
        </>
      }
      footer={
        page && (
          <nav className="pager" aria-label="Log pages">
            <div className="pager-info">
              <span className="muted" data-testid="page-status" aria-live="polite">
                {page.items.length > 0
                  ? `${formatInteger(first)}–${formatInteger(last)} of ${formatInteger(page.totalCount)}`
                  : `${formatInteger(page.totalCount)} events`}
              </span>
              {page.items.some((e) => !e.priced) && <span className="muted small">* no price known for the model</span>}
            </div>
            <button type="button" className="button" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
              ← Previous
            </button>
            <button
              type="button"
              className="button"
              disabled={!page.nextCursor || events.isPlaceholderData}
              onClick={() => page.nextCursor && setCursors((c) => [...c, page.nextCursor!])}
            >
              Next →
            </button>
          </nav>
        )
      }
    >
      {() =>
        page && (
          <LogTable
            events={page.items}
            order={order}
            zone={query.tz}
            onSort={(column) => setParams(orderParams(nextOrder(order, column)))}
            onFilter={addFilter}
          />
        )
      }
    </Panel>
  )
}

/** The event log page: every call, sortable and paged, under the same range and filters. */
export function LogPage() {
  const { search } = useLocation()
  const key = new URLSearchParams(search)
  key.delete('cursor')
  return <LogListing key={key.toString()} />
}
