import { useCallback, useState } from 'react'

export interface Seen {
  /** Whether the element has come into view, or `reveal` was called; stays true once it is. */
  seen: boolean
  /** The ref of the element to watch. */
  ref: (element: Element | null) => (() => void) | undefined
  /** Counts as seen without scrolling (a button, a focused control). */
  reveal: () => void
}

/**
 * Whether an element has been scrolled into view (IntersectionObserver), for a panel whose data is
 * asked for only then. Where the browser has no IntersectionObserver, it counts as seen at once.
 */
export function useSeen(rootMargin = '0px'): Seen {
  const [seen, setSeen] = useState(false)
  const ref = useCallback(
    (element: Element | null) => {
      if (element === null) {
        return undefined
      }
      if (typeof IntersectionObserver === 'undefined') {
        setSeen(true)
        return undefined
      }
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) {
            observer.disconnect()
            setSeen(true)
          }
        },
        { rootMargin },
      )
      observer.observe(element)
      return () => observer.disconnect()
    },
    [rootMargin],
  )
  const reveal = useCallback(() => setSeen(true), [])
  return { seen, ref, reveal }
}
