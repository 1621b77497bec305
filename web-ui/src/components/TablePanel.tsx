import { RowsTable, type RowsTableProps } from './DataTable'
import { Panel, type PanelProps } from './Panel'

/** A panel whose body is a table of rows: empty when there is no row. */
export function TablePanel<T>({
  columns,
  rows,
  rowKey,
  rowAttributes,
  after,
  tableClass,
  ...panel
}: Omit<PanelProps, 'empty' | 'children'> &
  Omit<RowsTableProps<T>, 'className' | 'label' | 'testId'> & {
    /** The table's own class, beside `table`. */
    tableClass?: string
  }) {
  return (
    <Panel {...panel} empty={rows.length === 0}>
      <RowsTable columns={columns} rows={rows} rowKey={rowKey} rowAttributes={rowAttributes} after={after} className={tableClass} />
    </Panel>
  )
}
