/**
 * CSV of what a panel shows (RFC 4180: quoted where needed, CRLF rows). Text cells that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a leading ', as the
 * service's own export does; numbers stay plain numbers.
 */
export type Cell = string | number | null

function cell(value: Cell): string {
  if (value === null) {
    return ''
  }
  if (typeof value === 'number') {
    return String(value)
  }
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}

/** Saves `text` as a file named `filename`. */
export function downloadCsv(filename: string, text: string): void {
  saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename)
}

/** Saves a blob as a file named `filename` through a temporary link; its object URL is revoked a little later. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = filename
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}
