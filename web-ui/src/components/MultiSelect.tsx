import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { focusOnMount } from '@/lib/focus'
import './multi-select.css'

interface MultiSelectProps {
  label: string
  options: readonly string[]
  selected: readonly string[]
  onChange: (values: string[]) => void
  loading?: boolean
  error?: boolean
  /** How an option reads (e.g. "(none)"); defaults to the value itself. */
  display?: (value: string) => string
  onOpen?: () => void
}

/** A button that opens a searchable checkbox list. Escape or a click outside closes it. */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  loading = false,
  error = false,
  display = (v) => v,
  onOpen,
}: MultiSelectProps) {
  const [open, setOpen] = useState(false)
  const [search, setSearch] = useState('')
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const listId = useId()

  useEffect(() => {
    if (!open) {
      return
    }
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) {
        setOpen(false)
      }
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  const close = () => {
    setOpen(false)
    setSearch('')
    button.current?.focus()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      close()
    }
  }
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value])

  // Selected values stay listed even when the range no longer has them, so they can be cleared.
  const all = [...new Set([...selected, ...options])]
  const needle = search.trim().toLowerCase()
  const shown = needle ? all.filter((v) => display(v).toLowerCase().includes(needle)) : all

  return (
    // Escape anywhere inside closes the list: keydown bubbles from the button, the search and the boxes.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- a container catching its controls' Escape, not a control
    <div className="multiselect" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className={`button filter-button${selected.length > 0 ? ' is-active' : ''}`}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => {
          if (open) {
            close()
          } else {
            setOpen(true)
            onOpen?.()
          }
        }}
      >
        {label}
        {selected.length > 0 && <span className="badge">{selected.length}</span>}
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </button>
      {open && (
        <div className="popover" id={listId} role="group" aria-label={`${label} filter`}>
          {all.length > 8 && (
            <input
              type="search"
              className="input"
              placeholder="Search…"
              aria-label={`Search ${label} values`}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              ref={focusOnMount}
            />
          )}
          <div className="popover-list">
            {loading && <p className="muted">Loading…</p>}
            {error && <p className="muted">Could not load the values.</p>}
            {!loading && !error && shown.length === 0 && <p className="muted">No values in this range.</p>}
            {shown.map((value, index) => (
              <label key={value} className="check">
                <input
                  type="checkbox"
                  checked={selected.includes(value)}
                  onChange={() => toggle(value)}
                  ref={all.length <= 8 && index === 0 ? focusOnMount : undefined}
                />
                <span>{display(value)}</span>
              </label>
            ))}
          </div>
          <div className="popover-footer">
            <button type="button" className="button button-quiet" onClick={() => onChange([])} disabled={selected.length === 0}>
              Clear
            </button>
            <button type="button" className="button" onClick={close}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
