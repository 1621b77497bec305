import { hashKey, useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useEffect, useState } from 'react'

/**
 * Whether every usage request the page is waiting for has answered (or failed): each active
 * `['usage', …]` query but `own` has a result. A panel below the fold asks for its own data only
 * then, so its request never waits for one of the browser's six connections to the host ahead of
 * the first screen's requests, yet is out before the user scrolls to it. False again while a range
 * or filter change has the first screen's new requests out; true at once when they are all cached.
 */
export function useOthersAnswered(own: QueryKey): boolean {
  const client = useQueryClient()
  const ownHash = hashKey(own)
  const [answered, setAnswered] = useState(false)
  useEffect(() => {
    const cache = client.getQueryCache()
    const check = () => {
      const others = cache.findAll({ queryKey: ['usage'], type: 'active' }).filter((q) => q.queryHash !== ownHash)
      setAnswered(others.length > 0 && others.every((q) => q.state.status !== 'pending'))
    }
    check()
    return cache.subscribe(check)
  }, [client, ownHash])
  return answered
}
