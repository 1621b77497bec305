import { useState } from 'react'
import '../filters.css'
import { MultiSelect } from '@/components/MultiSelect'
import { useDashboardQuery } from '@/lib/use-dashboard-query'
import {
  activeFilterCount,
  DIMENSION_LABELS,
  DIMENSIONS,
  filterKeys,
  filterLabel,
  SERVICE_TIERS,
  STATUSES,
  withFilterValues,
  type DashboardQuery,
} from '@/lib/url-state'
import type { Dimension } from '@/types/models'
import { useTagKeys } from '@/api/get-tag-keys'
import { useValues } from '@/api/get-values'
import { RangePicker } from './RangePicker'
import { ZonePicker } from './ZonePicker'

function DimensionPicker({
  dimension,
  query,
  onChange,
}: {
  dimension: Dimension
  query: DashboardQuery
  onChange: (next: DashboardQuery) => void
}) {
  const [opened, setOpened] = useState(false)
  const fixed = dimension === 'status' ? STATUSES : dimension === 'serviceTier' ? SERVICE_TIERS : null
  const isStatus = fixed !== null
  const values = useValues(dimension, query, opened && !isStatus)
  return (
    <MultiSelect
      label={DIMENSION_LABELS[dimension]}
      options={fixed ?? values.data?.values ?? []}
      selected={query.filters[dimension] ?? []}
      loading={!isStatus && values.isPending && opened}
      error={values.isError}
      onOpen={() => setOpened(true)}
      onChange={(selected) => onChange(withFilterValues(query, dimension, selected))}
    />
  )
}

/** A tag filter: pick a key among the tags seen, then its values. */
function TagPicker({ query, onChange }: { query: DashboardQuery; onChange: (next: DashboardQuery) => void }) {
  const [opened, setOpened] = useState(false)
  const [key, setKey] = useState('')
  const keys = useTagKeys(query, opened)
  const values = useValues(`tag:${key}`, query, key !== '')
  return (
    <div className="tag-picker">
      <label className="inline-field">
        <span className="visually-hidden">Tag key</span>
        <select
          className="select"
          value={key}
          onFocus={() => setOpened(true)}
          onPointerDown={() => setOpened(true)}
          onChange={(e) => setKey(e.target.value)}
          data-testid="tag-key-select"
        >
          <option value="">Tag…</option>
          {key !== '' && !(keys.data?.keys ?? []).includes(key) && <option value={key}>{key}</option>}
          {(keys.data?.keys ?? []).map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      {key !== '' && (
        <MultiSelect
          label={`Tag ${key}`}
          options={values.data?.values ?? []}
          selected={query.filters[`tag.${key}`] ?? []}
          loading={values.isPending}
          error={values.isError}
          onChange={(selected) => onChange(withFilterValues(query, `tag.${key}`, selected))}
        />
      )}
    </div>
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
          <TagPicker query={query} onChange={setQuery} />
        </div>
      </div>
      {count > 0 && (
        <ul className="chips" aria-label="Active filters">
          {filterKeys(query.filters).flatMap((dimension) =>
            (query.filters[dimension] ?? []).map((value) => (
              <li key={`${dimension}=${value}`}>
                <button
                  type="button"
                  className="chip"
                  onClick={() => removeFilter(dimension, value)}
                  aria-label={`Remove filter ${filterLabel(dimension)} ${value}`}
                >
                  <span className="chip-dimension">{filterLabel(dimension)}:</span> {value}
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
