import { useId, type ReactNode } from 'react'
import { Link } from '@/components/Link'
import { Panel, type PanelStatus } from '@/components/Panel'
import { usePageParams } from '@/lib/use-dashboard-query'
import type { DeliveryRow } from '../prepare/alert-rows'
import { DeliveryTable, tone } from './DeliveryTable'

/** What a budget alert and a rule's notice have in common on screen. */
interface HistoryRow {
  id: string
  /** What was raised, in words ("80% threshold", "Error rate above 5%"). */
  title: string
  raised: string
  raisedAt: string
  delivery: string
  deliveryLabel: string
  deliveries: DeliveryRow[]
}

/** What a history shows of one row beside what all rows have. */
export interface RowParts {
  /** Muted, between the title and the source: "at 80% of", "· usage rule". */
  context: string
  /** What raised it (a budget, a rule), linked to where it is set up. */
  source: { id: string; name: string }
  /** The item's `data-type`. */
  type?: string
}

/** What tells one history from another: its words, its filters, its page size and what its items are called. */
export interface HistorySpec {
  title: string
  /** What one item is, for test ids and classes: "alert" (`alert-list`, `alert-item`, `alert-<id>`). */
  item: string
  /** What the list holds, in the plural: "alerts". */
  noun: string
  /** Shown before anything was raised: what raises one. */
  emptyHint: string
  /** Shown when the filters match nothing. */
  filteredHint: string
  /** The filters that reach older entries than the newest page: "budget or channel". */
  olderBy: string
  clearLabel: string
  /** The URL parameter of what raised an entry (a budget, a rule), also the page it is set up on: `/budgets?budget=<id>`. */
  sourceParam: string
  sourcePage: string
  sourceLabel: string
  /** The source filter's empty value: "All budgets". */
  allSources: string
  channelParam: string
  channelLabel: string
  /** The API's page: a full one gets a note that only the newest are shown. */
  limit: number
  skeletonHeight: number
}

/**
 * One alert or notice: its title (what, a muted context, the source that raised it), when it was
 * raised, how its delivery went, and each channel's delivery.
 */
function HistoryItem({ spec, row, parts }: { spec: HistorySpec; row: HistoryRow; parts: RowParts }) {
  const { source } = parts
  return (
    <li className={`${spec.item}-item`} data-testid={`${spec.item}-${row.id}`} data-type={parts.type} data-delivery={row.delivery}>
      <div className="alert-item-head">
        <span className="alert-item-title">
          <strong data-field="title">{row.title}</strong> <span className="muted">{parts.context}</span>{' '}
          <Link href={`${spec.sourcePage}?${spec.sourceParam}=${encodeURIComponent(source.id)}`} data-field={spec.sourceParam}>
            {source.name}
          </Link>
        </span>
        <time className="muted small" dateTime={row.raisedAt} data-field="raised">
          {row.raised}
        </time>
        <span className={`tag${tone(row.delivery)}`} data-field="delivery">
          {row.deliveryLabel}
        </span>
      </div>
      {row.deliveries.length > 0 && <DeliveryTable deliveries={row.deliveries} label={`Deliveries of ${row.title}, ${source.name}`} />}
    </li>
  )
}

/** One filter of a history: a labelled select whose empty value means "all". */
function FilterSelect({
  id,
  label,
  value,
  allLabel,
  onChange,
  testId,
  children,
}: {
  id: string
  label: string
  value: string | null
  allLabel: string
  onChange: (value: string | null) => void
  testId: string
  children: ReactNode
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
        <option value="">{allLabel}</option>
        {children}
      </select>
    </>
  )
}

/**
 * A history: its two filters in the URL (what raised an entry, whose choice clears the channel, then
 * the channel; a button clears both while either is set), then its list with the designed states:
 * an empty state that says whether the filters or the tenant have nothing, and a note when only the
 * newest page was fetched.
 */
export function History<R extends HistoryRow>({
  spec,
  status,
  options,
  rows,
  parts,
  fetched,
}: {
  spec: HistorySpec
  status: PanelStatus
  /** The options of the source filter, then of the channel filter. */
  options: [ReactNode, ReactNode]
  rows: R[]
  parts: (row: R) => RowParts
  /** How many entries the API answered. */
  fetched: number
}) {
  const [params, setParams] = usePageParams()
  const id = useId()
  const { sourceParam, channelParam, noun } = spec
  const source = params.get(sourceParam)
  const channel = params.get(channelParam)
  const filtered = source !== null || channel !== null
  return (
    <>
      <div className="alerts-filters" role="group" aria-label={`Filter ${noun}`}>
        <FilterSelect
          id={`${id}-source`}
          label={spec.sourceLabel}
          value={source}
          allLabel={spec.allSources}
          onChange={(v) => setParams({ [sourceParam]: v, [channelParam]: null })}
          testId={`${noun}-${sourceParam}`}
        >
          {options[0]}
        </FilterSelect>
        <FilterSelect
          id={`${id}-channel`}
          label={spec.channelLabel}
          value={channel}
          allLabel="All channels"
          onChange={(v) => setParams({ [channelParam]: v })}
          testId={`${noun}-channel`}
        >
          {options[1]}
        </FilterSelect>
        {filtered && (
          <button type="button" className="button button-quiet" onClick={() => setParams({ [sourceParam]: null, [channelParam]: null })}>
            {spec.clearLabel}
          </button>
        )}
      </div>
      <Panel
        title={spec.title}
        status={status}
        empty={rows.length === 0}
        emptyTitle={filtered ? `No ${noun} for this filter` : `No ${noun} yet`}
        emptyHint={filtered ? spec.filteredHint : spec.emptyHint}
        skeletonHeight={spec.skeletonHeight}
        testId={`${spec.item}-list`}
        footer={
          fetched >= spec.limit ? (
            <span className="muted small">
              The newest {spec.limit} {noun}; filter by {spec.olderBy} to see older ones.
            </span>
          ) : undefined
        }
      >
        <ul className="alert-list">
          {rows.map((row) => (
            <HistoryItem key={row.id} spec={spec} row={row} parts={parts(row)} />
          ))}
        </ul>
      </Panel>
    </>
  )
}
