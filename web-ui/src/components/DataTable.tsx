import type { ReactNode } from 'react'
import '@/components/table.css'

/** A column header: its text and its class (`num` right-aligns, `hide-narrow` hides it on phones). */
export interface Column {
  label: string
  className?: string
  /** Read by screen readers only (a column of buttons). */
  hidden?: boolean
}

/**
 * A table that scrolls sideways on narrow screens, with a header row of `columns`; the caller
 * draws the body's rows, cell by cell, in the same order.
 */
export function DataTable({
  columns,
  className,
  label,
  testId,
  children,
}: {
  columns: readonly Column[]
  /** The feature's own class, beside `table`. */
  className?: string
  /** The accessible name, where the table has no heading of its own. */
  label?: string
  testId?: string
  children: ReactNode
}) {
  return (
    <div className="table-scroll">
      <table className={className ? `table ${className}` : 'table'} aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.className}>
                {column.hidden ? <span className="visually-hidden">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
