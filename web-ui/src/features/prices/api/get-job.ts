import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { apiGet } from '@/lib/api-client'
import type { Job } from '@/types/models'

/** How often a running job is asked for its progress. */
export const JOB_POLL_MS = 1000

export function getJob(id: string, signal?: AbortSignal): Promise<Job> {
  return apiGet<Job>(`/jobs/${encodeURIComponent(id)}`, undefined, { signal })
}

export function isFinished(job: Job | undefined): boolean {
  return job?.state === 'done' || job?.state === 'failed'
}

export function jobQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['jobs', id],
    queryFn: ({ signal }) => getJob(id, signal),
    refetchInterval: (query) => (isFinished(query.state.data) ? false : JOB_POLL_MS),
  })
}

/**
 * A job, polled until it is done or failed. When a re-pricing job finishes, every usage figure,
 * the unpriced list and the budgets' spend may have changed: those queries are invalidated.
 */
export function useJob(id: string | null) {
  const client = useQueryClient()
  const job = useQuery({ ...jobQueryOptions(id ?? ''), enabled: id !== null })
  const finished = job.data?.state === 'done'
  useEffect(() => {
    if (finished) {
      void client.invalidateQueries({ queryKey: ['usage'] })
      void client.invalidateQueries({ queryKey: ['prices'] })
      void client.invalidateQueries({ queryKey: ['budgets'] })
      void client.invalidateQueries({ queryKey: ['alerts'] })
    }
  }, [finished, client])
  return job
}
