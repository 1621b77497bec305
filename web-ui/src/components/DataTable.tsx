import { Fragment, type ReactNode } from 'react'
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

/** A column of a `RowsTable`: its header, and the cell (a `<td>`) it draws for a row. */
export interface RowColumn<T> extends Column {
  cell: (row: T) => ReactNode
}

/** What a `RowsTable` draws: its rows, their columns, and each row's key and attributes. */
export interface RowsTableProps<T> {
  columns: readonly RowColumn<T>[]
  rows: readonly T[]
  rowKey: (row: T) => string
  /** The `<tr>`'s own attributes (`data-*`, a test id). */
  rowAttributes: (row: T) => Record<`data-${string}`, string>
  after?: (row: T) => ReactNode
  className?: string
  label?: string
  testId?: string
}

/**
 * A `DataTable` whose body is one `<tr>` a row, drawn from its columns' cells, so that a column's
 * header and cell stand together; `after` draws what may follow a row (a form row under it).
 */
export function RowsTable<T>({ columns, rows, rowKey, rowAttributes, after, ...table }: RowsTableProps<T>) {
  return (
    <DataTable columns={columns} {...table}>
      {rows.map((row) => (
        <Fragment key={rowKey(row)}>
          <tr {...rowAttributes(row)}>
            {columns.map((column) => (
              <Fragment key={column.label}>{column.cell(row)}</Fragment>
            ))}
          </tr>
          {after?.(row)}
        </Fragment>
      ))}
    </DataTable>
  )
}
