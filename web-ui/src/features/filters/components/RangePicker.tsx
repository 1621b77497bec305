import { useState, type FormEvent } from 'react'
import { RANGE_LABELS, RANGE_PRESETS, type DashboardQuery, type RangeKind } from '@/lib/url-state'
import '../filters.css'

/** Today … month to date as one choice, and a custom from/to (both days included). */
export function RangePicker({ query, onChange }: { query: DashboardQuery; onChange: (next: DashboardQuery) => void }) {
  const [custom, setCustom] = useState(query.range === 'custom')
  const [from, setFrom] = useState(query.from ?? '')
  const [to, setTo] = useState(query.to ?? '')
  const selected: RangeKind = custom ? 'custom' : query.range

  const choose = (range: RangeKind) => {
    if (range === 'custom') {
      setCustom(true)
      return
    }
    setCustom(false)
    onChange({ ...query, range, from: undefined, to: undefined })
  }
  const apply = (event: FormEvent) => {
    event.preventDefault()
    if (from && to && from <= to) {
      onChange({ ...query, range: 'custom', from, to })
    }
  }

  return (
    <div className="range-picker">
      <label className="field">
        <span className="field-label">Range</span>
        <select className="select" value={selected} onChange={(e) => choose(e.target.value as RangeKind)} data-testid="range-select">
          {[...RANGE_PRESETS, 'custom' as const].map((range) => (
            <option key={range} value={range}>
              {RANGE_LABELS[range]}
            </option>
          ))}
        </select>
      </label>
      {custom && (
        <form className="custom-range" onSubmit={apply}>
          <label className="field">
            <span className="field-label">From</span>
            <input className="input" type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label className="field">
            <span className="field-label">To</span>
            <input className="input" type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit" className="button" disabled={!from || !to || from > to}>
            Apply
          </button>
        </form>
      )}
    </div>
  )
}
