import { hashKey } from '@tanstack/react-query'
import { useState } from 'react'
import { CsvButton } from '@/components/CsvButton'
import { Panel } from '@/components/Panel'
import { useTagKeys } from '@/api/get-tag-keys'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import type { Grouping } from '@/types/models'
import { breakdownQueryOptions, useBreakdown } from '../api/get-breakdown'
import { apiSort, nextSort, orderRows, type TableSort } from '../prepare/breakdown-table'
import { breakdownCsv } from '../prepare/exports'
import { BreakdownTable } from './BreakdownTable'
import { usePrefetchWhenConnectionFree } from './use-prefetch-when-connection-free'
import { useSeen } from './use-seen'

function label(by: Grouping): string {
  return by === 'user' ? 'User' : `Tag ${by.slice(4)}`
}

/**
 * Usage by user or by any tag key seen in the range: a sortable table, each row a filter. The page's
 * slowest question (by user it ranks thousands of daily rows by user; tags are in no rollup, so by tag
 * it reads every raw event of the range): it is prefetched as soon as fewer than six of the page's
 * requests are in flight (so it never takes a connection ahead of a first-screen request), or asked for sooner when the panel is scrolled into view, its picker is used,
 * or its load button is pressed. Until the panel has been seen it stays idle (data-state=idle) even
 * when its answer is in: scrolled to, it shows the answer at once, or its loading state while the
 * request is still out.
 */
export function GroupBreakdown() {
  const { query, addFilter } = useDashboardQuery()
  const [params, setParams] = usePageParams()
  const chosen = params.get('breakdownBy')
  const by: Grouping = chosen && /^tag:[A-Za-z0-9_.-]{1,64}$/.test(chosen) ? (chosen as Grouping) : 'user'
  const [sort, setSort] = useState<TableSort>({ column: 'costUsd', direction: 'desc' })
  // The tag keys come from raw events (a scan of the range): asked only once the picker is opened,
  // as the filter bar's tag picker does, not on every load of the overview.
  const [opened, setOpened] = useState(false)
  const keys = useTagKeys(query, opened)
  const { seen, ref, reveal } = useSeen()
  const options = { by, sort: apiSort(sort, 'cost'), limit: 10 }
  const prefetch = breakdownQueryOptions(query, options)
  usePrefetchWhenConnectionFree(prefetch, hashKey(prefetch.queryKey), seen)
  const breakdown = useBreakdown(query, options, seen)
  const tagKeys = keys.data?.keys ?? []
  const filterKey = by === 'user' ? 'user' : (`tag.${by.slice(4)}` as const)
  return (
    <Panel
      title="Breakdown by user or tag"
      status={breakdown}
      empty={breakdown.data?.rows.length === 0}
      emptyHint={by === 'user' ? 'No event in this range names a user.' : 'No event in this range has this tag.'}
      testId="breakdown-group"
      footer={breakdown.data?.other ? <p className="note">Top {breakdown.data.rows.length}; the rest as Other</p> : undefined}
      idle={
        seen ? undefined : (
          <div ref={ref} className="state" data-testid="breakdown-group-idle">
            <p className="muted">
              Users and tags are the page's slowest question: this table loads after the panels above, and shows when it comes into view.
            </p>
            <button type="button" className="button" onClick={reveal}>
              Load the breakdown
            </button>
          </div>
        )
      }
      actions={
        <div className="panel-actions">
          <label className="inline-field">
            <span className="visually-hidden">Break down by</span>
            <select
              className="select select-small"
              value={by}
              onFocus={() => {
                setOpened(true)
                reveal()
              }}
              onPointerDown={() => {
                setOpened(true)
                reveal()
              }}
              onChange={(e) => setParams({ breakdownBy: e.target.value === 'user' ? null : e.target.value })}
              data-testid="breakdown-by"
            >
              <option value="user">by user</option>
              {by !== 'user' && !tagKeys.includes(by.slice(4)) && <option value={by}>by tag {by.slice(4)}</option>}
              {tagKeys.map((key) => (
                <option key={key} value={`tag:${key}`}>
                  by tag {key}
                </option>
              ))}
            </select>
          </label>
          <CsvButton
            label={`Download breakdown by ${label(by).toLowerCase()} as CSV`}
            filename={`${by.replace(':', '-')}-breakdown.csv`}
            disabled={!breakdown.data}
            csv={() => (breakdown.data ? breakdownCsv(breakdown.data, orderRows(breakdown.data.rows, sort)) : '')}
          />
        </div>
      }
    >
      {() =>
        breakdown.data && (
          <BreakdownTable
            breakdown={breakdown.data}
            keyLabel={label(by)}
            sort={sort}
            onSort={(column) => setSort(nextSort(sort, column))}
            onSelect={(key) => addFilter(filterKey, key)}
            testId="breakdown-group-table"
          />
        )
      }
    </Panel>
  )
}
