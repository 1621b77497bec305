/** Light, dark, or the system's choice; remembered in localStorage and applied as `data-theme` on <html>. */
import { useSyncExternalStore } from 'react'

export type ThemeChoice = 'light' | 'dark' | 'system'
export type Theme = 'light' | 'dark'

const STORAGE_KEY = 'tokenmeter.theme'
const listeners = new Set<() => void>()
const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null

function choice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY)
    return stored === 'light' || stored === 'dark' ? stored : 'system'
  } catch {
    return 'system'
  }
}

export function resolveTheme(selected: ThemeChoice, systemDark: boolean): Theme {
  return selected === 'system' ? (systemDark ? 'dark' : 'light') : selected
}

function current(): Theme {
  return resolveTheme(choice(), media?.matches ?? false)
}

export function applyTheme(): void {
  document.documentElement.dataset.theme = current()
}

export function setThemeChoice(next: ThemeChoice): void {
  if (next === 'system') {
    window.localStorage.removeItem(STORAGE_KEY)
  } else {
    window.localStorage.setItem(STORAGE_KEY, next)
  }
  applyTheme()
  listeners.forEach((l) => l())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  const onSystem = () => {
    applyTheme()
    listener()
  }
  media?.addEventListener('change', onSystem)
  return () => {
    listeners.delete(listener)
    media?.removeEventListener('change', onSystem)
  }
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, current, () => 'light')
}
