import { useEffect } from 'react'
import { preloadChart } from '@/components/chart/Chart'
import { useDashboardQuery } from '@/lib/use-dashboard-query'
import { activeFilterCount } from '@/lib/url-state'
import { usePeriods } from '../api/get-periods'
import { BARS } from '../first-screen'
import { prepareRequestBars, prepareCostBars, prepareTokenBars } from '../prepare/breakdown'
import { ApiKeyTable } from './ApiKeyTable'
import { BreakdownBars } from './BreakdownBars'
import { GroupBreakdown } from './GroupBreakdown'
import { PeriodStrip } from './PeriodStrip'
import { ProviderDonut } from './ProviderDonut'
import { RecentErrors } from './RecentErrors'
import { SummaryCards } from './SummaryCards'
import { TimelineCharts } from './TimelineCharts'
import { Welcome } from './Welcome'
import '../overview.css'

/** The bar charts, in page order (test id `chart-<noun>`); what each asks for (its sort) is BARS, which the first screen's requests share. */
const BAR_PANELS = [
  { by: 'project', title: 'Cost by project', noun: 'projects', format: 'usd', prepare: prepareCostBars },
  { by: 'model', title: 'Tokens by model', noun: 'models', format: 'compact', prepare: prepareTokenBars },
  { by: 'endpoint', title: 'Requests by endpoint', noun: 'endpoints', format: 'integer', prepare: prepareRequestBars },
  { by: 'serviceTier', title: 'Cost by service tier', noun: 'service tiers', format: 'usd', prepare: prepareCostBars },
] as const

/** Spend and reliability at a glance; every panel follows the range, zone and filters in the URL. */
export function OverviewPage() {
  const { query } = useDashboardQuery()
  const periods = usePeriods(query)
  // Every panel but two is a chart: load ECharts beside the data, not after it.
  useEffect(() => preloadChart(), [])
  if (periods.data && periods.data.allTime.requests === 0 && activeFilterCount(query) === 0) {
    return <Welcome />
  }
  return (
    <div className="overview" data-testid="overview">
      <PeriodStrip query={query} />
      <SummaryCards query={query} />
      <div className="grid">
        <TimelineCharts query={query} />
        <ProviderDonut />
        {BAR_PANELS.map((panel) => (
          <BreakdownBars key={panel.by} {...panel} sort={BARS[panel.by].sort} testId={`chart-${panel.noun.replaceAll(' ', '-')}`} />
        ))}
        <ApiKeyTable />
        <GroupBreakdown />
        <RecentErrors />
      </div>
    </div>
  )
}
