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
        <BreakdownBars
          title="Cost by project"
          by="project"
          sort={BARS.project.sort}
          noun="projects"
          format="usd"
          prepare={prepareCostBars}
          testId="chart-projects"
        />
        <BreakdownBars
          title="Tokens by model"
          by="model"
          sort={BARS.model.sort}
          noun="models"
          format="compact"
          prepare={prepareTokenBars}
          testId="chart-models"
        />
        <BreakdownBars
          title="Requests by endpoint"
          by="endpoint"
          sort={BARS.endpoint.sort}
          noun="endpoints"
          format="integer"
          prepare={prepareRequestBars}
          testId="chart-endpoints"
        />
        <BreakdownBars
          title="Cost by service tier"
          by="serviceTier"
          sort={BARS.serviceTier.sort}
          noun="service tiers"
          format="usd"
          prepare={prepareCostBars}
          testId="chart-service-tiers"
        />
        <ApiKeyTable />
        <GroupBreakdown />
        <RecentErrors />
      </div>
    </div>
  )
}
