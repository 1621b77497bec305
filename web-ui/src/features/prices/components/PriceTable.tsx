import { useMemo } from 'react'
import { MultiSelect } from '@/components/MultiSelect'
import { Options } from '@/components/Options'
import { formatDate, formatInteger, formatUsdPrecise } from '@/lib/format'
import { usePageParams } from '@/lib/use-dashboard-query'
import type { RowColumn } from '@/components/DataTable'
import { TablePanel } from '@/components/TablePanel'
import { usePrices } from '../api/get-prices'
import { priceExtras } from '../prepare/price-extras'
import { preparePriceRows, priceCounts, priceProviders, readPriceSort, type PriceRow, type PriceSort } from '../prepare/price-table'
import '@/components/table.css'
import '../prices.css'

const SORT_LABELS: Record<PriceSort, string> = { name: 'Provider and model', input: 'Input price', output: 'Output price' }

/** A price in USD per 1M tokens; `narrow` columns hide on phones. */
function priceCell(value: number, narrow = false) {
  return <td className={narrow ? 'num hide-narrow' : 'num'}>{formatUsdPrecise(value)}</td>
}

const COLUMNS: RowColumn<PriceRow>[] = [
  {
    label: 'Model',
    cell: (row) => (
      <td>
        <span className="muted">{row.provider}/</span>
        <span className="mono">{row.model}</span>
        {row.source === 'override' && <span className="tag tag-accent show-narrow">Your price</span>}
      </td>
    ),
  },
  {
    label: 'Source',
    className: 'hide-narrow',
    cell: (row) => (
      <td className="hide-narrow">
        {row.source === 'override' ? <span className="tag tag-accent">Your price</span> : <span className="tag">Built-in</span>}
        {row.upcoming && <span className="tag tag-warn">from {formatDate(row.entry.effectiveFrom, 'UTC')}</span>}
      </td>
    ),
  },
  { label: 'Input', className: 'num', cell: (row) => priceCell(row.entry.input) },
  { label: 'Output', className: 'num', cell: (row) => priceCell(row.entry.output) },
  { label: 'Cached input', className: 'num hide-narrow', cell: (row) => priceCell(row.cachedInput, true) },
  { label: 'Cache write', className: 'num hide-narrow', cell: (row) => priceCell(row.cacheWrite, true) },
  { label: 'Reasoning', className: 'num hide-narrow', cell: (row) => priceCell(row.reasoning, true) },
  {
    label: 'Tiers and units',
    className: 'hide-narrow',
    cell: (row) => (
      <td className="hide-narrow" data-testid="price-extras">
        <ul className="price-extras">
          {priceExtras(row.entry).map((line) => (
            <li key={`${line.kind}:${line.text}`} data-kind={line.kind}>
              <span className="price-extra-kind">{line.kind}</span> {line.text}
            </li>
          ))}
        </ul>
      </td>
    ),
  },
  {
    label: 'Effective from',
    className: 'hide-narrow',
    cell: (row) => (
      <td className="hide-narrow nowrap">
        {row.entry.url ? (
          <a href={row.entry.url} target="_blank" rel="noreferrer" title="Where the price was read">
            {formatDate(row.entry.effectiveFrom, 'UTC')}
          </a>
        ) : (
          formatDate(row.entry.effectiveFrom, 'UTC')
        )}
      </td>
    ),
  },
]

/** The effective price list, searchable and filtered by provider; the search, the providers and the sort live in the URL. */
export function PriceTable() {
  const prices = usePrices()
  const [params, setParams] = usePageParams()
  const search = params.get('q') ?? ''
  const providers = params.getAll('provider')
  const sort = readPriceSort(params.get('sort'))
  const rows = useMemo(
    () => prices.data && preparePriceRows(prices.data, { search, providers, sort }),
    [prices.data, search, providers, sort],
  )
  const counts = prices.data && rows ? priceCounts(prices.data, rows) : null

  return (
    <TablePanel
      title="Price list"
      status={prices}
      emptyTitle="No price matches"
      emptyHint="Clear the search or the provider filter."
      skeletonHeight={400}
      testId="price-list"
      actions={
        <div className="toolbar">
          <input
            type="search"
            className="input"
            placeholder="Search models…"
            aria-label="Search models"
            value={search}
            onChange={(e) => setParams({ q: e.target.value || null }, { replace: true })}
            data-testid="price-search"
          />
          <MultiSelect
            label="Provider"
            options={prices.data ? priceProviders(prices.data) : []}
            selected={providers}
            loading={prices.isPending}
            onChange={(values) => setParams({ provider: values })}
          />
          <label className="field field-inline">
            <span className="field-label">Sort</span>
            <select
              className="select select-small"
              value={sort}
              onChange={(e) => setParams({ sort: e.target.value === 'name' ? null : e.target.value })}
            >
              <Options of={Object.entries(SORT_LABELS)} value={([value]) => value} label={([, label]) => label} />
            </select>
          </label>
        </div>
      }
      footer={
        counts && (
          <p className="note" data-testid="price-count">
            {formatInteger(counts.shown)} of {formatInteger(counts.total)} models
            {counts.overrides > 0 && ` · ${formatInteger(counts.overrides)} with your own price`} · USD per 1M tokens
          </p>
        )
      }
      columns={COLUMNS}
      rows={rows ?? []}
      rowKey={(row) => row.key}
      rowAttributes={(row) => ({ 'data-model': row.model, 'data-source': row.source })}
      tableClass="price-table"
    />
  )
}
