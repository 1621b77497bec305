import { useState } from 'react'
import { MultiSelect } from '@/components/MultiSelect'
import { useDashboardQuery } from '@/lib/use-dashboard-query'
import {
  activeFilterCount,
  DIMENSION_LABELS,
  DIMENSIONS,
  SERVICE_TIERS,
  STATUSES,
  withFilterValues,
  type DashboardQuery,
} from '@/lib/url-state'
import type { Dimension } from '@/types/api'
import { useValues } from '@/api/get-values'
import { RangePicker } from './RangePicker'
import { ZonePicker } from './ZonePicker'

function DimensionPicker({ dimension, query, onChange }: { dimension: Dimension; query: DashboardQuery; onChange: (next: DashboardQuery) => void }) {
  const [opened, setOpened] = useState(false)
  const fixed = dimension === 'status' ? STATUSES : dimension === 'serviceTier' ? SERVICE_TIERS : null
  const isStatus = fixed !== null
  const values = useValues(dimension, query, opened && !isStatus)
  return (
    <MultiSelect
      label={DIMENSION_LABELS[dimension]}
      options={fixed ?? (values.data?.values ?? [])}
      selected={query.filters[dimension] ?? []}
      loading={!isStatus && values.isPending && opened}
      error={values.isError}
      onOpen={() => setOpened(true)}
      onChange={(selected) => onChange(withFilterValues(query, dimension, selected))}
    />
  )
}

/** The range, the zone and the filters: every panel of every page reads them from the URL. */
export function FilterBar() {
  const { query, setQuery, removeFilter } = useDashboardQuery()
  const count = activeFilterCount(query)
  return (
    <div className="filter-bar" role="region" aria-label="Range and filters">
      <div className="filter-row">
        <RangePicker key={`${query.range}|${query.from}|${query.to}`} query={query} onChange={setQuery} />
        <ZonePicker zone={query.tz} onChange={(tz) => setQuery({ ...query, tz })} />
        <div className="filter-pickers">
          {DIMENSIONS.map((dimension) => (
            <DimensionPicker key={dimension} dimension={dimension} query={query} onChange={setQuery} />
          ))}
        </div>
      </div>
      {count > 0 && (
        <ul className="chips" aria-label="Active filters">
          {DIMENSIONS.flatMap((dimension) =>
            (query.filters[dimension] ?? []).map((value) => (
              <li key={`${dimension}=${value}`}>
                <button
                  type="button"
                  className="chip"
                  onClick={() => removeFilter(dimension, value)}
                  aria-label={`Remove filter ${DIMENSION_LABELS[dimension]} ${value}`}
                >
                  <span className="chip-dimension">{DIMENSION_LABELS[dimension]}:</span> {value}
                  <span aria-hidden="true"> ×</span>
                </button>
              </li>
            )),
          )}
          {count > 1 && (
            <li>
              <button type="button" className="button button-quiet" onClick={() => setQuery({ ...query, filters: {} })}>
                Clear all
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
