import { useMemo } from 'react'
import { MultiSelect } from '@/components/MultiSelect'
import { Panel } from '@/components/Panel'
import { formatDate, formatInteger, formatUsdPrecise } from '@/lib/format'
import { usePageParams } from '@/lib/use-dashboard-query'
import { DataTable, type Column } from '@/components/DataTable'
import { usePrices } from '../api/get-prices'
import { priceExtras } from '../prepare/price-extras'
import { preparePriceRows, priceCounts, priceProviders, readPriceSort, type PriceSort } from '../prepare/price-table'
import '@/components/table.css'
import '../prices.css'

const SORT_LABELS: Record<PriceSort, string> = { name: 'Provider and model', input: 'Input price', output: 'Output price' }

const COLUMNS: Column[] = [
  { label: 'Model' },
  { label: 'Source', className: 'hide-narrow' },
  { label: 'Input', className: 'num' },
  { label: 'Output', className: 'num' },
  { label: 'Cached input', className: 'num hide-narrow' },
  { label: 'Cache write', className: 'num hide-narrow' },
  { label: 'Reasoning', className: 'num hide-narrow' },
  { label: 'Tiers and units', className: 'hide-narrow' },
  { label: 'Effective from', className: 'hide-narrow' },
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
    <Panel
      title="Price list"
      status={prices}
      empty={rows?.length === 0}
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
              {Object.entries(SORT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
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
    >
      <DataTable columns={COLUMNS} className="price-table">
        {rows?.map((row) => (
          <tr key={row.key} data-model={row.model} data-source={row.source}>
            <td>
              <span className="muted">{row.provider}/</span>
              <span className="mono">{row.model}</span>
              {row.source === 'override' && <span className="tag tag-accent show-narrow">Your price</span>}
            </td>
            <td className="hide-narrow">
              {row.source === 'override' ? <span className="tag tag-accent">Your price</span> : <span className="tag">Built-in</span>}
              {row.upcoming && <span className="tag tag-warn">from {formatDate(row.entry.effectiveFrom, 'UTC')}</span>}
            </td>
            <td className="num">{formatUsdPrecise(row.entry.input)}</td>
            <td className="num">{formatUsdPrecise(row.entry.output)}</td>
            <td className="num hide-narrow">{formatUsdPrecise(row.cachedInput)}</td>
            <td className="num hide-narrow">{formatUsdPrecise(row.cacheWrite)}</td>
            <td className="num hide-narrow">{formatUsdPrecise(row.reasoning)}</td>
            <td className="hide-narrow" data-testid="price-extras">
              <ul className="price-extras">
                {priceExtras(row.entry).map((line) => (
                  <li key={`${line.kind}:${line.text}`} data-kind={line.kind}>
                    <span className="price-extra-kind">{line.kind}</span> {line.text}
                  </li>
                ))}
              </ul>
            </td>
            <td className="hide-narrow nowrap">
              {row.entry.url ? (
                <a href={row.entry.url} target="_blank" rel="noreferrer" title="Where the price was read">
                  {formatDate(row.entry.effectiveFrom, 'UTC')}
                </a>
              ) : (
                formatDate(row.entry.effectiveFrom, 'UTC')
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </Panel>
  )
}
