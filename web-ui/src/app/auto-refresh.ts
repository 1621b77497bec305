import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'

export const REFRESH_SECONDS = 30
const STORAGE_KEY = 'tokenmeter.autoRefresh'
/** What changes as usage arrives: usage figures, budgets' standing and alerts, models seen without a price. */
const LIVE_KEYS = [['usage'], ['budgets'], ['alerts'], ['prices', 'unpriced']]

/** When on, every visible panel (and budget, alert list, unpriced list) refetches every 30 s (skipped while the tab is hidden); remembered per browser. */
export function useAutoRefresh(): [boolean, (on: boolean) => void] {
  const client = useQueryClient()
  const [on, setOn] = useState(() => window.localStorage.getItem(STORAGE_KEY) === '1')

  useEffect(() => {
    if (!on) {
      return
    }
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') {
        for (const queryKey of LIVE_KEYS) {
          void client.invalidateQueries({ queryKey, refetchType: 'active' })
        }
      }
    }, REFRESH_SECONDS * 1000)
    return () => window.clearInterval(timer)
  }, [on, client])

  const set = (next: boolean) => {
    window.localStorage.setItem(STORAGE_KEY, next ? '1' : '0')
    setOn(next)
  }
  return [on, set]
}
