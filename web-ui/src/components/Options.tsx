import type { ReactNode } from 'react'

/** A select's `<option>`s, one per item: its value and the text shown for it. */
export function Options<T>({ of, value, label }: { of: readonly T[]; value: (item: T) => string; label: (item: T) => ReactNode }) {
  return of.map((item) => (
    <option key={value(item)} value={value(item)}>
      {label(item)}
    </option>
  ))
}
