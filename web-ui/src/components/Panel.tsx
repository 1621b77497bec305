import type { ReactNode } from 'react'
import { Skeleton } from './Skeleton'
import { EmptyState, ErrorState } from './States'
import './panel.css'

export interface PanelStatus {
  isPending: boolean
  isError: boolean
  error: unknown
  isFetching?: boolean
  refetch: () => unknown
}

export interface PanelProps {
  title: string
  /** Controls beside the title (a grouping select, a chart/table switch). */
  actions?: ReactNode
  status: PanelStatus
  /** Whether the loaded data has nothing to show. */
  empty?: boolean
  emptyTitle?: string
  emptyHint?: ReactNode
  skeletonHeight?: number
  footer?: ReactNode
  /** Shown instead of the body while the panel's data is not asked for yet (data-state=idle), e.g. until it is scrolled into view. */
  idle?: ReactNode
  className?: string
  testId?: string
  children: ReactNode | (() => ReactNode)
}

/** A dashboard panel with its designed states: skeleton while loading, error with retry, empty. */
export function Panel({
  title,
  actions,
  status,
  empty = false,
  emptyTitle = 'No requests in this range',
  emptyHint = 'Pick a longer range or remove a filter.',
  skeletonHeight = 240,
  footer,
  idle,
  className = '',
  testId,
  children,
}: PanelProps) {
  const headingId = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
  let body: ReactNode
  if (idle !== undefined) {
    body = idle
  } else if (status.isPending) {
    body = <Skeleton height={skeletonHeight} />
  } else if (status.isError) {
    body = <ErrorState error={status.error} onRetry={() => void status.refetch()} />
  } else if (empty) {
    body = <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>
  } else {
    body = typeof children === 'function' ? children() : children
  }
  const state = idle !== undefined ? 'idle' : status.isPending ? 'loading' : status.isError ? 'error' : empty ? 'empty' : 'ready'
  return (
    <section
      className={`panel surface ${className}`}
      aria-labelledby={headingId}
      aria-busy={idle === undefined && (status.isPending || status.isFetching) ? true : undefined}
      data-testid={testId}
      data-state={state}
    >
      <header className="panel-header">
        <h2 id={headingId}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className={`panel-body${status.isFetching && !status.isPending ? ' is-refreshing' : ''}`}>{body}</div>
      {footer && state === 'ready' && <footer className="panel-footer">{footer}</footer>}
    </section>
  )
}
