import { useMutation } from '@tanstack/react-query'
import { apiSend } from '@/lib/api-client'
import type { Job } from '@/types/models'

/** Queues a job re-pricing the tenant's events in [from, to) with the prices in force now (admin). */
export async function startReprice(range: { from: string; to: string }): Promise<Job> {
  return (await apiSend<Job>('POST', '/prices/reprice', range))!
}

export function useStartReprice() {
  return useMutation({ mutationFn: startReprice })
}
