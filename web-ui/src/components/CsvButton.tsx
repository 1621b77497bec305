import { downloadCsv } from '@/lib/csv'

/** Downloads what a panel shows as CSV; `csv` is called on click, so nothing is built before it is asked for. */
export function CsvButton({
  label,
  filename,
  csv,
  disabled = false,
}: {
  label: string
  filename: string
  csv: () => string
  disabled?: boolean
}) {
  return (
    <button
      type="button"
      className="button button-quiet button-small"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={() => downloadCsv(filename, csv())}
    >
      CSV
    </button>
  )
}
