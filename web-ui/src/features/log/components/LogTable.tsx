import type { ReactNode } from 'react'
import { formatDateTime, formatInteger, formatLatency, formatUsd } from '@/lib/format'
import type { Dimension, LogSort, UsageEvent } from '@/types/models'
import type { LogOrder } from '../sorting'
import '@/components/table.css'
import '../log.css'

interface Column {
  id: string
  label: string
  sort?: LogSort
  numeric?: boolean
  render: (event: UsageEvent, filter: (dimension: Dimension, value: string) => void, zone: string) => ReactNode
}

function filterButton(dimension: Dimension, value: string | null, filter: (dimension: Dimension, value: string) => void, mono = false) {
  if (value === null) {
    return <span className="muted">—</span>
  }
  return (
    <button type="button" className={`link-button${mono ? ' mono' : ''}`} onClick={() => filter(dimension, value)}>
      {value}
    </button>
  )
}

const COLUMNS: Column[] = [
  { id: 'time', label: 'Date', sort: 'time', render: (e, _f, zone) => <span className="nowrap">{formatDateTime(e.time, zone)}</span> },
  { id: 'project', label: 'Project', render: (e, f) => filterButton('project', e.project, f) },
  { id: 'model', label: 'Model', render: (e, f) => filterButton('model', e.model, f) },
  { id: 'endpoint', label: 'Endpoint', render: (e, f) => filterButton('endpoint', e.endpoint, f) },
  { id: 'apiKey', label: 'API key', render: (e, f) => filterButton('apiKey', e.apiKey, f, true) },
  {
    id: 'status',
    label: 'Status',
    render: (e, f) => (
      <span className="status-cell" title={e.error?.message ?? undefined}>
        <button type="button" className={`status status-${e.status}`} onClick={() => f('status', e.status)}>
          {e.status}
        </button>
        {e.error?.type && <span className="muted mono small">{e.error.type}</span>}
      </span>
    ),
  },
  { id: 'latency', label: 'Latency', sort: 'latency', numeric: true, render: (e) => formatLatency(e.latencyMs) },
  { id: 'input', label: 'Input', sort: 'inputTokens', numeric: true, render: (e) => formatInteger(e.usage.inputTokens) },
  { id: 'cached', label: 'Cached', numeric: true, render: (e) => formatInteger(e.usage.cachedInputTokens) },
  { id: 'output', label: 'Output', sort: 'outputTokens', numeric: true, render: (e) => formatInteger(e.usage.outputTokens) },
  { id: 'total', label: 'Total tokens', sort: 'totalTokens', numeric: true, render: (e) => formatInteger(e.totalTokens) },
  {
    id: 'cost',
    label: 'Cost',
    sort: 'cost',
    numeric: true,
    render: (e) => (
      <span title={e.priced ? (e.priceRef ?? e.costSource) : 'No price for this model'}>
        {formatUsd(e.costUsd)}
        {!e.priced && <span className="muted"> *</span>}
      </span>
    ),
  },
]

interface LogTableProps {
  events: UsageEvent[]
  order: LogOrder
  zone: string
  onSort: (column: LogSort) => void
  onFilter: (dimension: Dimension, value: string) => void
}

/** The event log; sortable columns are those the API can order by, and a value filters by itself. */
export function LogTable({ events, order, zone, onSort, onFilter }: LogTableProps) {
  return (
    <div className="table-scroll">
      <table className="table log-table" data-testid="log-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.sort !== undefined && column.sort === order.sort
              return (
                <th
                  key={column.id}
                  scope="col"
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={active ? (order.order === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {column.sort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.sort!)} data-sort={column.sort}>
                      {column.label}
                      <span aria-hidden="true" className={`sort-icon${active ? ' is-active' : ''}`}>
                        {active ? (order.order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-id={event.id}>
              {COLUMNS.map((column) => (
                <td key={column.id} className={column.numeric ? 'num' : undefined}>
                  {column.render(event, onFilter, zone)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
