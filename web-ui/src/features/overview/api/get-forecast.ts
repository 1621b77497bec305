import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { DashboardQuery } from '@/lib/url-state'
import { forecastQueryOptions } from '../first-screen'

/** `GET /usage/forecast`: this month in the zone, whatever the range. */
export function useForecast(query: DashboardQuery) {
  return useQuery({ ...forecastQueryOptions(query), placeholderData: keepPreviousData })
}
