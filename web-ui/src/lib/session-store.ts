/**
 * A small external store over sessionStorage, for `useSyncExternalStore`: `read` answers null where
 * storage is unavailable (a sandboxed frame), `emit` re-renders whoever subscribed.
 */
export function sessionStore() {
  const listeners = new Set<() => void>()
  return {
    read(name: string): string | null {
      try {
        return window.sessionStorage.getItem(name)
      } catch {
        return null
      }
    },
    emit(): void {
      listeners.forEach((listener) => listener())
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
