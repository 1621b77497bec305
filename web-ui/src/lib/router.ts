/**
 * A minimal router over the History API: two pages do not need a routing library. The
 * location is an external store, so a back or forward button re-renders whoever reads it.
 */
import { useSyncExternalStore } from 'react'

const NAVIGATE = 'tokenmeter:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

function snapshot(): string {
  return window.location.pathname + window.location.search
}

export interface Location {
  pathname: string
  search: string
}

export function useLocation(): Location {
  const path = useSyncExternalStore(subscribe, snapshot, snapshot)
  const index = path.indexOf('?')
  return index < 0 ? { pathname: path, search: '' } : { pathname: path.slice(0, index), search: path.slice(index) }
}

/** Goes to `to` (a path with an optional query string); `replace` keeps the back button for real moves. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) {
    return
  }
  if (options.replace) {
    window.history.replaceState(null, '', to)
  } else {
    window.history.pushState(null, '', to)
  }
  window.dispatchEvent(new Event(NAVIGATE))
}
