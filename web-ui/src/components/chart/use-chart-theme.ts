import { useTheme } from '@/lib/theme'
import { CHART_THEMES, type ChartTheme } from './options'

export function useChartTheme(): ChartTheme {
  return CHART_THEMES[useTheme()]
}
